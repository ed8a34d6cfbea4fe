package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payers, contracts and pathways billed to them, made through the API as a HUB administrator and a CHW would. */
final class ContractFixtures {

  private ContractFixtures() {}

  /** As the administrator: a new payer; its code. */
  static String newPayer(RunningHub hub) {
    String code = "PAYER_" + Personas.unique().toUpperCase();
    RunningHub.Response created = hub.as(hub.adminToken(), () -> hub.post("/admin/payers",
        Map.of("code", code, "name", "Health plan " + code)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return code;
  }

  static Map<String, Object> contract(String payer, String name, LocalDate from, LocalDate to,
      boolean requiresOutcomeApproval, List<Map<String, Object>> rates) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("payer", payer);
    body.put("name", name);
    body.put("effectiveFrom", from.toString());
    if (to != null) {
      body.put("effectiveTo", to.toString());
    }
    body.put("requiresOutcomeApproval", requiresOutcomeApproval);
    body.put("rates", rates);
    return body;
  }

  static Map<String, Object> rate(String pathwayCode, String milestone, String variant, long amountCents) {
    return Map.of("pathwayCode", pathwayCode, "milestone", milestone, "outcomeVariant", variant,
        "amountCents", amountCents);
  }

  /** A Housing outcome of that many cents, from that day on. */
  static Map<String, Object> housingContract(String payer, LocalDate from, LocalDate to, boolean approval,
      long outcomeCents) {
    return contract(payer, "Housing outcomes from " + from, from, to, approval,
        List.of(rate("HOUSING", "OUTCOME_CONFIRMED", "STANDARD", outcomeCents)));
  }

  /** As the administrator: the contract written; its id. */
  static String createContract(RunningHub hub, Map<String, Object> contract) {
    RunningHub.Response created = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts", contract));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  /**
   * As the current caller (a CHW): a client covered by the payer moves in on that day, and the Housing
   * pathway completes; its id.
   */
  static String housingCompletedOn(RunningHub hub, String payer, LocalDate movedIn) {
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("coverage", Map.of("payer", payer, "memberId", "M-" + Personas.unique()));
    String client = hub.register(registration);
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String housing = hub.open(client, "HOUSING", Map.of());
    hub.step(housing, "APPLICATION_SUBMITTED", movedIn.minusDays(20), Map.of(), null);
    hub.step(housing, "HOUSING_SECURED", movedIn.minusDays(5), Map.of(), null);
    hub.step(housing, "MOVED_IN", movedIn, Map.of(), RunningHub.evidence());
    hub.awaitStatus(housing, "COMPLETED");
    return housing;
  }
}
