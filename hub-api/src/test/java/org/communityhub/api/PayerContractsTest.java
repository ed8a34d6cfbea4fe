package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payer contracts written by a HUB administrator: the contract in force on a step's day prices it (two
 * adjacent contracts, each side of the boundary), a gap in the contracts leaves the milestone unpriced
 * without stopping the pathway, bad contracts are refused naming the field, and a contract that requires
 * approval bills an outcome only once a supervisor of the pathway's agency approved it, exactly once.
 */
@SharedRunningHub
class PayerContractsTest {

  private static final LocalDate TODAY = RunningHub.today();

  static RunningHub hub;
  static String supervisor;
  static String otherSupervisor;

  @BeforeAll
  static void hubWithTwoAgencies() {
    String otherAgency = hub.createAgency("North Care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    supervisor = hub.createMemberAndLogin("sup-" + Personas.unique(), "SUPERVISOR", RunningHub.DEFAULT_AGENCY);
    otherSupervisor = hub.createMemberAndLogin("sup-north-" + Personas.unique(), "SUPERVISOR", otherAgency);
  }

  @Test
  void adjacentContractsPriceTheStepsOnEachSideOfTheBoundaryAndAGapPricesNothing() {
    String payer = ContractFixtures.newPayer(hub);
    String ending = ContractFixtures.createContract(hub,
        ContractFixtures.housingContract(payer, TODAY.minusDays(30), TODAY.minusDays(1), false, 40_000));
    String starting = ContractFixtures.createContract(hub,
        ContractFixtures.housingContract(payer, TODAY, null, false, 45_500));

    String lastDayOfTheFirst = ContractFixtures.housingCompletedOn(hub, payer, TODAY.minusDays(1));
    String firstDayOfTheSecond = ContractFixtures.housingCompletedOn(hub, payer, TODAY);
    String beforeAnyContract = ContractFixtures.housingCompletedOn(hub, payer, TODAY.minusDays(31));

    assertThat(payments(lastDayOfTheFirst)).containsExactly(Map.entry(ending, 40_000L));
    assertThat(payments(firstDayOfTheSecond)).containsExactly(Map.entry(starting, 45_500L));
    assertThat(payments(beforeAnyContract)).isEmpty();
    JsonNode unpriced = hub.as(hub.adminToken(), () -> hub.get("/admin/unpriced-milestones?payer=" + payer)).json();
    assertThat(unpriced.findValuesAsText("pathwayId")).containsExactly(beforeAnyContract);

    JsonNode report = hub.as(hub.adminToken(), () -> hub.get("/reports/payments?payer=" + payer + "&from="
        + TODAY.minusDays(40) + "&to=" + TODAY)).json();
    assertThat(report.path("totalCents").asLong()).isEqualTo(85_500);
    JsonNode dayBefore = hub.as(hub.adminToken(), () -> hub.get("/reports/payments?payer=" + payer + "&from="
        + TODAY.minusDays(1) + "&to=" + TODAY.minusDays(1))).json();
    assertThat(dayBefore.path("totalCents").asLong()).isEqualTo(40_000);

    // The first contract priced an event of its last day: it cannot end before it.
    RunningHub.Response tooEarly = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts/" + ending
        + "/end", Map.of("effectiveTo", TODAY.minusDays(2).toString())));
    assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(422);
    assertThat(tooEarly.json().path("errors").findValuesAsText("field")).containsExactly("effectiveTo");
    RunningHub.Response same = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts/" + ending
        + "/end", Map.of("effectiveTo", TODAY.minusDays(1).toString())));
    assertThat(same.status()).as(same.toString()).isEqualTo(200);
  }

  @Test
  void anOverlappingContractIsRefusedNamingTheFieldAndWritesNothing() {
    String payer = ContractFixtures.newPayer(hub);
    Map<String, Object> first = ContractFixtures.housingContract(payer, TODAY.minusDays(10), TODAY.plusDays(10),
        false, 30_000);
    String firstId = ContractFixtures.createContract(hub, first);
    long contractsBefore = contracts(payer);

    RunningHub.Response overlapping = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts",
        ContractFixtures.housingContract(payer, TODAY.plusDays(10), null, false, 31_000)));
    assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(422);
    assertThat(overlapping.contentType()).startsWith("application/problem+json");
    assertThat(overlapping.json().path("errors").findValuesAsText("field")).containsExactly("effectiveFrom");
    assertThat(overlapping.json().path("errors").findValuesAsText("reason").getFirst()).contains(firstId);

    // Extending the first into a later contract is refused the same way.
    ContractFixtures.createContract(hub, ContractFixtures.housingContract(payer, TODAY.plusDays(11), null, false,
        31_000));
    RunningHub.Response extended = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts/" + firstId
        + "/end", Map.of("effectiveTo", TODAY.plusDays(11).toString())));
    assertThat(extended.status()).as(extended.toString()).isEqualTo(422);
    assertThat(extended.json().path("errors").findValuesAsText("field")).containsExactly("effectiveTo");

    // A retry of the first request answers the contract it wrote, and writes nothing.
    RunningHub.Response retried = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts", first));
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.json().path("id").asText()).isEqualTo(firstId);
    assertThat(contracts(payer)).isEqualTo(contractsBefore + 1);
  }

  @Test
  void ratesOutsideTheCatalogAreRefusedNamingTheRateAndItsField() {
    String payer = ContractFixtures.newPayer(hub);
    long contractsBefore = contracts(payer);
    RunningHub.Response refused = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts",
        ContractFixtures.contract(payer, "Mixed", TODAY, null, false, List.of(
            ContractFixtures.rate("PREGNANCY", "OUTCOME_CONFIRMED", "HEALTHY_BIRTH_WEIGHT", 60_000),
            ContractFixtures.rate("ROCKET_SCIENCE", "OUTCOME_CONFIRMED", "STANDARD", 1_000),
            ContractFixtures.rate("HOUSING", "OUTCOME_CONFIRMED", "HEALTHY_BIRTH_WEIGHT", 1_000),
            ContractFixtures.rate("HOUSING", "MOVED_IN", "STANDARD", 1_000),
            ContractFixtures.rate("PREGNANCY", "OUTCOME_CONFIRMED", "HEALTHY_BIRTH_WEIGHT", 65_000)))));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly(
        "rates[1].pathwayCode", "rates[2].outcomeVariant", "rates[3].milestone", "rates[4].outcomeVariant");
    RunningHub.Response negative = hub.as(hub.adminToken(), () -> hub.post("/admin/payer-contracts",
        ContractFixtures.housingContract(payer, TODAY, null, false, -1)));
    assertThat(negative.status()).as(negative.toString()).isEqualTo(400);
    assertThat(negative.json().path("errors").findValuesAsText("field")).containsExactly("rates[0].amountCents");
    assertThat(contracts(payer)).isEqualTo(contractsBefore);
  }

  @Test
  void anOutcomeUnderAnApprovalContractIsBilledOnlyOnceASupervisorOfItsAgencyApprovesIt() {
    String payer = ContractFixtures.newPayer(hub);
    String contract = ContractFixtures.createContract(hub,
        ContractFixtures.housingContract(payer, TODAY.minusDays(30), null, true, 52_000));
    String housing = ContractFixtures.housingCompletedOn(hub, payer, TODAY);
    String report = "/reports/payments?payer=" + payer + "&from=" + TODAY + "&to=" + TODAY;

    assertThat(payments(housing)).isEmpty();
    assertThat(hub.as(hub.adminToken(), () -> hub.get(report)).json().path("totalCents").asLong()).isZero();
    JsonNode awaiting = hub.as(supervisor, () -> hub.get("/outcome-approvals")).json();
    assertThat(awaiting.findValuesAsText("pathwayId")).contains(housing);
    assertThat(hub.as(otherSupervisor, () -> hub.get("/outcome-approvals")).json().findValuesAsText("pathwayId"))
        .doesNotContain(housing);

    String approval = "/pathways/" + housing + "/outcome-approval";
    assertThat(hub.post(approval, Map.of()).status()).as("a CHW").isEqualTo(403);
    assertThat(hub.as(otherSupervisor, () -> hub.post(approval, Map.of())).status()).as("another agency")
        .isEqualTo(404);
    assertThat(payments(housing)).isEmpty();

    RunningHub.Response approved = hub.as(supervisor, () -> hub.post(approval, Map.of()));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    RunningHub.Response again = hub.as(supervisor, () -> hub.post(approval, Map.of()));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("approvedAt").asText()).isEqualTo(approved.json().path("approvedAt").asText());

    assertThat(payments(housing)).containsExactly(Map.entry(contract, 52_000L));
    assertThat(hub.as(hub.adminToken(), () -> hub.get(report)).json().path("totalCents").asLong()).isEqualTo(52_000);
    assertThat(hub.as(supervisor, () -> hub.get("/outcome-approvals")).json().findValuesAsText("pathwayId"))
        .doesNotContain(housing);
  }

  /** The pathway's ledger rows, as contract id and cents. */
  private static List<Map.Entry<String, Long>> payments(String pathwayId) {
    return hub.jdbc().sql("select contract_id, amount_cents from payment_ledger where pathway_id = ?::uuid order by seq")
        .param(pathwayId)
        .query((rs, row) -> Map.entry(rs.getString("contract_id"), rs.getLong("amount_cents")))
        .list();
  }

  private static long contracts(String payer) {
    return hub.jdbc().sql("select count(*) from payment_contract c join payer p on p.id = c.payer_id where p.code = ?")
        .param(payer).query(Long.class).single();
  }
}
