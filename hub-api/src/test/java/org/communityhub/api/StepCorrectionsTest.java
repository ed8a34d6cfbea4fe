package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corrections (issue 8 item 1): a supervisor or HUB administrator voids a step entered in error. The step
 * stays in the history marked void, its earnings get reversal rows, the pathway is recomputed (reopened when
 * the step had closed it) and runs on in the engine on a new process instance, and the milestone is earned
 * again, as a new occurrence, by a later valid step.
 */
@SharedRunningHub
class StepCorrectionsTest {

  private static final LocalDate TODAY = RunningHub.today();

  static RunningHub hub;
  static String supervisorName;
  static String supervisor;
  static String otherSupervisor;

  @BeforeAll
  static void hubWithTwoAgencies() {
    String otherAgency = hub.createAgency("North Care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    supervisorName = "sup-" + Personas.unique();
    supervisor = hub.createMemberAndLogin(supervisorName, "SUPERVISOR", RunningHub.DEFAULT_AGENCY);
    otherSupervisor = hub.createMemberAndLogin("sup-north-" + Personas.unique(), "SUPERVISOR", otherAgency);
  }

  @Test
  void aVoidedPaidCheckpointIsReversedThePathwayContinuesAndTheStepRecordedAgainEarnsOnceMore() {
    String pregnancy = openPregnancy();
    hub.step(pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN", TODAY.minusDays(3), Map.of(), null);
    hub.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(1), Map.of(), RunningHub.evidence());
    hub.awaitPayments(pregnancy, 1);
    String visit = stepId(pregnancy, "PRENATAL_VISIT_ATTENDED");
    long firstInstance = awaitInstanceOtherThan(pregnancy, null);
    RunningHub.Response read = hub.get("/pathways/" + pregnancy);
    String etag = read.headers().get("etag");

    Map<String, String> headers = Map.of("Idempotency-Key", UUID.randomUUID().toString(), "If-Match", etag);
    RunningHub.Response voided = hub.as(supervisor, () -> hub.post("/steps/" + visit + "/void",
        Map.of("reason", "The visit was recorded on the wrong client"), headers));

    assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
    assertThat(voided.headers().get("etag")).isNotEqualTo(etag);
    JsonNode pathway = voided.json();
    assertThat(pathway.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(pathway.path("currentStep").asText()).isEqualTo("PRENATAL_CARE_PROVIDER_CHOSEN");
    JsonNode voidedStep = step(pathway, visit);
    assertThat(voidedStep.path("voidedAt").isTextual()).isTrue();
    assertThat(voidedStep.path("voidedBy").asText()).isEqualTo(supervisorName);
    assertThat(voidedStep.path("voidReason").asText()).isEqualTo("The visit was recorded on the wrong client");
    JsonNode earning = pathway.path("payments").get(0);
    JsonNode reversal = pathway.path("payments").get(1);
    assertThat(pathway.path("payments")).hasSize(2);
    assertThat(reversal.path("entryType").asText()).isEqualTo("REVERSAL");
    assertThat(reversal.path("reverses").asText()).isEqualTo(earning.path("id").asText());
    assertThat(reversal.path("amountCents").asLong()).isEqualTo(-earning.path("amountCents").asLong());
    assertThat(reversal.path("stepId").asText()).isEqualTo(visit);
    assertThat(ledgerSum(pregnancy)).isZero();

    // A retry of the same request answers the same; a new request to void it again is a conflict.
    RunningHub.Response retried = hub.as(supervisor, () -> hub.post("/steps/" + visit + "/void",
        Map.of("reason", "The visit was recorded on the wrong client"), headers));
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.headers().get("idempotent-replayed")).isEqualTo("true");
    RunningHub.Response again = hub.as(supervisor, () -> hub.post("/steps/" + visit + "/void",
        Map.of("reason", "Once more"), RunningHub.newKey()));
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");

    // The pathway runs on a new process instance that heard only the valid steps; the old one was cancelled.
    awaitInstanceOtherThan(pregnancy, firstInstance);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> hub.jdbc().sql("""
            select count(*) from outbox where pathway_id = ?::uuid and kind = 'CANCEL_INSTANCE'
               and delivered_at is not null and superseded_by_void is null
               and (payload ->> 'processInstanceKey')::bigint = ?""")
        .params(pregnancy, firstInstance).query(Long.class).single() == 1);
    hub.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY, Map.of(), RunningHub.evidence());
    hub.awaitPayments(pregnancy, 3);
    JsonNode reEarned = hub.get("/pathways/" + pregnancy).json().path("payments").get(2);
    assertThat(reEarned.path("entryType").asText()).isEqualTo("EARNING");
    assertThat(reEarned.path("milestone").asText()).isEqualTo(earning.path("milestone").asText());
    assertThat(reEarned.path("occurrence").asInt()).isEqualTo(2);
    assertThat(reEarned.path("stepId").asText()).isEqualTo(stepId(pregnancy, "PRENATAL_VISIT_ATTENDED"));
    assertThat(ledgerSum(pregnancy)).isEqualTo(15_000);

    hub.step(pregnancy, "DELIVERY", TODAY, Map.of("birthWeightGrams", 3120), RunningHub.evidence());
    hub.awaitStatus(pregnancy, "COMPLETED");
    hub.awaitPayments(pregnancy, 4);
    assertThat(ledgerSum(pregnancy)).isEqualTo(15_000 + 60_000);
    assertThat(deadLetters(pregnancy)).isZero();
  }

  @Test
  void voidingTheOutcomeStepReopensACompletedPathwayWhichANewOutcomeCompletesPaidOnceNet() {
    String payer = ContractFixtures.newPayer(hub);
    ContractFixtures.createContract(hub, ContractFixtures.housingContract(payer, TODAY.minusDays(30), null, false,
        45_500));
    String housing = ContractFixtures.housingCompletedOn(hub, payer, TODAY);
    hub.awaitPayments(housing, 1);
    long firstInstance = awaitInstanceOtherThan(housing, null);
    String movedIn = stepId(housing, "MOVED_IN");

    RunningHub.Response voided = hub.as(hub.adminToken(), () -> hub.post("/steps/" + movedIn + "/void",
        Map.of("reason", "The client has not moved in yet"), RunningHub.newKey()));

    assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
    JsonNode reopened = voided.json();
    assertThat(reopened.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(reopened.path("outcomeVariant").isNull()).isTrue();
    assertThat(reopened.path("closedAt").isNull()).isTrue();
    assertThat(reopened.path("currentStep").asText()).isEqualTo("HOUSING_SECURED");
    assertThat(step(reopened, movedIn).path("voidedBy").asText()).isEqualTo("admin");
    assertThat(reopened.path("payments").findValuesAsText("entryType")).containsExactly("EARNING", "REVERSAL");
    assertThat(ledgerSum(housing)).isZero();

    // It continues in the engine: a new instance claims it, and a new outcome step completes it again.
    awaitInstanceOtherThan(housing, firstInstance);
    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    JsonNode completed = hub.awaitStatus(housing, "COMPLETED");
    hub.awaitPayments(housing, 3);
    assertThat(completed.path("outcomeVariant").asText()).isEqualTo("STANDARD");
    JsonNode payments = hub.get("/pathways/" + housing).json().path("payments");
    assertThat(payments.findValuesAsText("entryType")).containsExactly("EARNING", "REVERSAL", "EARNING");
    assertThat(payments.get(2).path("occurrence").asInt()).isEqualTo(2);
    assertThat(payments.get(2).path("stepId").asText()).isEqualTo(stepId(housing, "MOVED_IN"));
    assertThat(ledgerSum(housing)).isEqualTo(45_500);
    assertThat(deadLetters(housing)).isZero();

    // The payer's report nets the reversal: paid once.
    JsonNode report = hub.as(hub.adminToken(), () -> hub.get("/reports/payments?payer=" + payer + "&from="
        + TODAY.minusDays(1) + "&to=" + TODAY)).json();
    assertThat(report.path("totalCents").asLong()).isEqualTo(45_500);
  }

  @Test
  void voidingAnOutcomeHeldForApprovalWithdrawsItAndTheNewOutcomeIsHeldAndBilledOnce() {
    String payer = ContractFixtures.newPayer(hub);
    ContractFixtures.createContract(hub, ContractFixtures.housingContract(payer, TODAY.minusDays(30), null, true,
        30_000));
    String housing = ContractFixtures.housingCompletedOn(hub, payer, TODAY);
    String movedIn = stepId(housing, "MOVED_IN");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> awaitingApproval(housing).contains(movedIn));

    RunningHub.Response voided = hub.as(supervisor, () -> hub.post("/steps/" + movedIn + "/void",
        Map.of("reason", "Lease not signed"), RunningHub.newKey()));
    assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
    assertThat(voided.json().path("status").asText()).isEqualTo("ACTIVE");
    assertThat(voided.json().path("payments")).as("nothing was billed, nothing to reverse").isEmpty();
    assertThat(awaitingApproval(housing)).isEmpty();
    RunningHub.Response nothingToApprove = hub.as(supervisor, () -> hub.post("/pathways/" + housing
        + "/outcome-approval", Map.of()));
    assertThat(nothingToApprove.status()).as(nothingToApprove.toString()).isEqualTo(409);

    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.awaitStatus(housing, "COMPLETED");
    String movedInAgain = stepId(housing, "MOVED_IN");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> awaitingApproval(housing).contains(movedInAgain));
    RunningHub.Response approved = hub.as(supervisor, () -> hub.post("/pathways/" + housing
        + "/outcome-approval", Map.of()));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().path("stepId").asText()).isEqualTo(movedInAgain);
    JsonNode payments = hub.get("/pathways/" + housing).json().path("payments");
    assertThat(payments.findValuesAsText("entryType")).containsExactly("EARNING");
    assertThat(payments.get(0).path("stepId").asText()).isEqualTo(movedInAgain);
    assertThat(ledgerSum(housing)).isEqualTo(30_000);
  }

  @Test
  void onlySupervisorsAndAdministratorsOfItsAgencyVoidAStepAndBadRequestsWriteNothing() {
    String housing = hub.open(housingClient(), "HOUSING", Map.of());
    hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(2), Map.of(), null);
    hub.step(housing, "HOUSING_SECURED", TODAY, Map.of(), null);
    String submitted = stepId(housing, "APPLICATION_SUBMITTED");
    String secured = stepId(housing, "HOUSING_SECURED");
    String before = hub.get("/pathways/" + housing).headers().get("etag");
    Map<String, Object> reason = Map.of("reason", "Entered in error");
    List<RunningHub.Response> refused = new ArrayList<>();

    RunningHub.Response byChw = hub.post("/steps/" + secured + "/void", reason, RunningHub.newKey());
    assertThat(byChw.status()).as(byChw.toString()).isEqualTo(403);
    refused.add(byChw);
    RunningHub.Response otherAgency = hub.as(otherSupervisor, () -> hub.post("/steps/" + secured + "/void", reason,
        RunningHub.newKey()));
    assertThat(otherAgency.status()).as(otherAgency.toString()).isEqualTo(404);
    refused.add(otherAgency);
    RunningHub.Response unknown = hub.as(supervisor, () -> hub.post("/steps/" + UUID.randomUUID() + "/void",
        reason, RunningHub.newKey()));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    refused.add(unknown);

    RunningHub.Response withoutKey = hub.as(supervisor, () -> hub.post("/steps/" + secured + "/void", reason));
    assertThat(withoutKey.status()).as(withoutKey.toString()).isEqualTo(400);
    assertThat(fields(withoutKey)).containsExactly("Idempotency-Key");
    refused.add(withoutKey);
    RunningHub.Response blank = hub.as(supervisor, () -> hub.post("/steps/" + secured + "/void",
        Map.of("reason", " "), RunningHub.newKey()));
    assertThat(blank.status()).as(blank.toString()).isEqualTo(400);
    assertThat(fields(blank)).containsExactly("reason");
    refused.add(blank);
    RunningHub.Response tooLong = hub.as(supervisor, () -> hub.post("/steps/" + secured + "/void",
        Map.of("reason", "x".repeat(2001)), RunningHub.newKey()));
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(fields(tooLong)).containsExactly("reason");
    refused.add(tooLong);
    RunningHub.Response stale = hub.as(supervisor, () -> hub.post("/steps/" + secured + "/void", reason,
        Map.of("Idempotency-Key", UUID.randomUUID().toString(), "If-Match", "\"0\"")));
    assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
    refused.add(stale);
    RunningHub.Response builtOn = hub.as(supervisor, () -> hub.post("/steps/" + submitted + "/void", reason,
        RunningHub.newKey()));
    assertThat(builtOn.status()).as(builtOn.toString()).isEqualTo(409);
    assertThat(builtOn.json().path("detail").asText()).contains("HOUSING_SECURED");
    refused.add(builtOn);

    assertThat(refused).allSatisfy(response ->
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json"));
    RunningHub.Response after = hub.get("/pathways/" + housing);
    assertThat(after.headers().get("etag")).as("nothing written").isEqualTo(before);
    assertThat(after.json().path("steps").findValues("voidedAt")).allMatch(JsonNode::isNull);
    assertThat(hub.jdbc().sql("select count(*) from audit_event where path = ?")
        .param("/steps/" + secured + "/void").query(Long.class).single())
        .as("every attempt audited").isGreaterThanOrEqualTo(6);

    // The dependent step first, then the one it built on.
    RunningHub.Response first = hub.as(supervisor, () -> hub.post("/steps/" + secured + "/void", reason,
        Map.of("Idempotency-Key", UUID.randomUUID().toString(), "If-Match", before)));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    RunningHub.Response second = hub.as(supervisor, () -> hub.post("/steps/" + submitted + "/void", reason,
        Map.of("Idempotency-Key", UUID.randomUUID().toString(), "If-Match", first.headers().get("etag"))));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().path("currentStep").isNull()).isTrue();
    assertThat(second.json().path("steps").findValues("voidedAt")).noneMatch(JsonNode::isNull);
  }

  private static String openPregnancy() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return hub.open(client, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusMonths(5).toString()));
  }

  private static String housingClient() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return client;
  }

  /** The valid (not voided) step with this code. */
  private static String stepId(String pathway, String code) {
    return hub.jdbc().sql("""
            select id from pathway_step where pathway_id = ?::uuid and step_code = ? and voided_at is null""")
        .params(pathway, code).query(String.class).single();
  }

  private static JsonNode step(JsonNode pathway, String stepId) {
    for (JsonNode step : pathway.path("steps")) {
      if (step.path("id").asText().equals(stepId)) {
        return step;
      }
    }
    throw new AssertionError("no step " + stepId + " in " + pathway);
  }

  /** Waits until a process instance other than {@code previous} has claimed the pathway; its key. */
  private static long awaitInstanceOtherThan(String pathway, Long previous) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> hub.jdbc().sql("select process_instance_key from pathway where id = ?::uuid").param(pathway)
                .query(Long.class).optional().orElse(null),
            key -> key != null && !key.equals(previous));
  }

  /** The outcome steps of this pathway awaiting a supervisor's approval. */
  private static List<String> awaitingApproval(String pathway) {
    JsonNode awaiting = hub.as(supervisor, () -> hub.get("/outcome-approvals")).json();
    List<String> steps = new ArrayList<>();
    awaiting.forEach(approval -> {
      if (approval.path("pathwayId").asText().equals(pathway)) {
        steps.add(approval.path("stepId").asText());
      }
    });
    return steps;
  }

  private static long ledgerSum(String pathway) {
    return hub.jdbc().sql("select coalesce(sum(amount_cents), 0) from payment_ledger where pathway_id = ?::uuid")
        .param(pathway).query(Long.class).single();
  }

  private static long deadLetters(String pathway) {
    return hub.jdbc().sql("select count(*) from outbox where pathway_id = ?::uuid and dead_at is not null")
        .param(pathway).query(Long.class).single();
  }

  private static List<String> fields(RunningHub.Response problem) {
    return problem.json().path("errors").findValuesAsText("field");
  }
}
