package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole HUB loop over HTTP on the real stack: embedded PostgreSQL, the local Zeebe 8.5 broker started
 * by the application, Drools. Pathways advance only through the engine, so these tests also prove that
 * every client command the application uses works against that broker.
 */
@SharedRunningHub
class HubEndToEndTest {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/New_York"));

  static RunningHub hub;

  @Test
  void runsTheWholeLoopAcrossARestartAndPaysExactlyOnce() {
    // A payer of its own, priced as the seeded contract, so that its report holds this client's pathways alone.
    String payer = ContractFixtures.newPayer(hub);
    ContractFixtures.createContract(hub, ContractFixtures.contract(payer, "As the seeded contract",
        TODAY.minusDays(30), null, false, List.of(
            ContractFixtures.rate("HOUSING", "OUTCOME_CONFIRMED", "STANDARD", 450_00),
            ContractFixtures.rate("PREGNANCY", "SERVICE_CONFIRMED", "STANDARD", 150_00),
            ContractFixtures.rate("PREGNANCY", "OUTCOME_CONFIRMED", "HEALTHY_BIRTH_WEIGHT", 600_00))));
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("coverage", Map.of("payer", payer, "memberId", "M-" + Personas.unique()));
    String clientId = hub.register(registration);

    JsonNode checklist = hub.post("/clients/" + clientId + "/checklists",
        Personas.initialChecklistOfPregnantClientWithUnstableHousing()).json();
    assertThat(checklist.path("score").asInt()).isEqualTo(3 + 2 + 2);
    assertThat(checklist.path("tier").asText()).isEqualTo("HIGH");
    assertThat(checklist.path("rulePackageVersion").asText()).isNotBlank();
    assertThat(checklist.findValuesAsText("pathwayCode"))
        .containsExactlyInAnyOrder("PREGNANCY", "HOUSING", "MEDICAL_HOME");

    String housing = hub.open(clientId, "HOUSING", Map.of());
    String pregnancy = hub.open(clientId, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusMonths(5).toString()));

    // Paperwork arrives late: the outcome first; the process picks it up when it gets there.
    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    hub.step(pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN", TODAY.minusDays(3), Map.of(), null);
    hub.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(1), Map.of(), RunningHub.evidence());
    hub.awaitPayments(pregnancy, 1);

    hub.restart();

    hub.step(housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    hub.step(pregnancy, "DELIVERY", TODAY, Map.of("birthWeightGrams", 3120), RunningHub.evidence());

    JsonNode housingDone = hub.awaitStatus(housing, "COMPLETED");
    assertThat(housingDone.path("outcomeVariant").asText()).isEqualTo("STANDARD");
    JsonNode pregnancyDone = hub.awaitStatus(pregnancy, "COMPLETED");
    assertThat(pregnancyDone.path("outcomeVariant").asText()).isEqualTo("HEALTHY_BIRTH_WEIGHT");
    assertThat(pregnancyDone.path("payments").findValuesAsText("milestone"))
        .containsExactly("SERVICE_CONFIRMED", "OUTCOME_CONFIRMED");
    assertThat(pregnancyDone.path("payments").findValuesAsText("rulePackageVersion")).doesNotContain("");

    String period = "&from=" + TODAY.minusDays(30) + "&to=" + TODAY;
    JsonNode report = hub.as(hub.adminToken(), () -> hub.get("/reports/payments?payer=" + payer + period)).json();
    long ledgerTotal = hub.jdbc().sql("""
            select coalesce(sum(amount_cents), 0) from payment_ledger l join payer p on p.id = l.payer_id
             where p.code = ? and occurred_on between ? and ?""")
        .params(payer, TODAY.minusDays(30), TODAY).query(Long.class).single();
    assertThat(report.path("totalCents").asLong()).isEqualTo(ledgerTotal).isEqualTo(450_00 + 150_00 + 600_00);
    long ours = hub.jdbc().sql("select sum(amount_cents) from payment_ledger where pathway_id in (?, ?)")
        .params(UUID.fromString(housing), UUID.fromString(pregnancy)).query(Long.class).single();
    assertThat(ours).isEqualTo(450_00 + 150_00 + 600_00);

    String csv = hub.as(hub.adminToken(), () -> hub.get("/reports/payments?payer=" + payer + period, "text/csv"))
        .body();
    assertThat(csv).startsWith("payer,from,to,agency_id,agency_name,pathway_code,milestone")
        .contains("Default Care Coordination Agency,HOUSING,OUTCOME_CONFIRMED,STANDARD,")
        .contains(",TOTAL,,,,," + java.math.BigDecimal.valueOf(ledgerTotal, 2).toPlainString());
  }

  @Test
  void lowBirthWeightCompletesWithItsVariantAndTheContractPaysNothingForIt() {
    String clientId = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + clientId + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String pregnancy = hub.open(clientId, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusDays(10).toString()));

    hub.step(pregnancy, "DELIVERY", TODAY, Map.of("birthWeightGrams", 2100), RunningHub.evidence());
    hub.step(pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN", TODAY.minusDays(90), Map.of(), null);
    hub.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(80), Map.of(), RunningHub.evidence());

    JsonNode done = hub.awaitStatus(pregnancy, "COMPLETED");
    assertThat(done.path("outcomeVariant").asText()).isEqualTo("LOW_BIRTH_WEIGHT");
    List<Long> amounts = new ArrayList<>();
    done.path("payments").forEach(payment -> amounts.add(payment.path("amountCents").asLong()));
    assertThat(amounts).containsExactly(150_00L, 0L);
  }

  @Test
  void closingARequestFinishesThePathwayIncompleteThroughItsProcess() {
    String clientId = hub.register(Personas.foodInsecureClient());
    hub.post("/clients/" + clientId + "/checklists", Personas.initialChecklistOfFoodInsecureClient());
    String food = hub.open(clientId, "FOOD_SECURITY", Map.of());
    hub.step(food, "FOOD_NEEDS_ASSESSED", TODAY, Map.of(), null);

    var accepted = hub.post("/pathways/" + food + "/close", Map.of("reason", "CLIENT_DECLINED"), RunningHub.newKey());
    assertThat(accepted.status()).isEqualTo(202);

    JsonNode closed = hub.awaitStatus(food, "FINISHED_INCOMPLETE");
    assertThat(closed.path("closeReason").asText()).isEqualTo("CLIENT_DECLINED");
    assertThat(closed.path("payments")).isEmpty();
    // Closed means closed: no more steps, and the same pathway can be opened again.
    assertThat(hub.post("/pathways/" + food + "/steps", RunningHub.stepBody("REFERRAL_MADE", TODAY, Map.of(), null),
        Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isEqualTo(409);
    assertThat(hub.post("/clients/" + clientId + "/pathways", Map.of("pathwayCode", "FOOD_SECURITY")).status())
        .isEqualTo(201);
  }

  @Test
  void aPathwayPastItsDeadlineFinishesIncompleteByTheTimer() {
    String clientId = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + clientId + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    // The time limit runs 60 days after the due date: a due date 61 days ago means the deadline has passed.
    String pregnancy = hub.open(clientId, "PREGNANCY", Map.of("estimatedDueDate", TODAY.minusDays(61).toString()));

    JsonNode closed = hub.awaitStatus(pregnancy, "FINISHED_INCOMPLETE");
    assertThat(closed.path("closeReason").asText()).isEqualTo("TIME_LIMIT");
  }

  @Test
  void theBrokerRefusesASecondMessageWithTheSameIdSoARedeliveryCannotDoubleAStep() {
    CamundaClient client = hub.bean(CamundaClient.class);
    String messageId = "probe-" + UUID.randomUUID();
    publish(client, messageId);
    try {
      publish(client, messageId);
      org.assertj.core.api.Assertions.fail("the broker accepted a duplicate message id");
    } catch (ClientStatusException duplicate) {
      assertThat(duplicate.getStatusCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    }
  }

  private static void publish(CamundaClient client, String messageId) {
    client.newPublishMessageCommand().messageName("Probe_Duplicate").correlationKey("probe")
        .messageId(messageId).timeToLive(Duration.ofMinutes(1)).send().join();
  }
}
