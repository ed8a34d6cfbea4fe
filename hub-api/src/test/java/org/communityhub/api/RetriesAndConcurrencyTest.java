package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.communityhub.engine.pathway.PathwayOutcomes;
import org.communityhub.engine.payment.MilestoneEvaluation;
import org.junit.jupiter.api.Test;

/**
 * Requests retried, arriving twice, arriving together: an Idempotency-Key makes any POST happen once per
 * caller and endpoint, a stale If-Match is refused, and 50 concurrent step requests leave exactly the steps,
 * states and payments they imply.
 */
@SharedRunningHub
class RetriesAndConcurrencyTest {

  private static final LocalDate TODAY = RunningHub.today();

  static RunningHub hub;

  @Test
  void aRetriedRegistrationAnswersAsTheFirstAndRegistersOnce() {
    Map<String, Object> registration = Personas.foodInsecureClient();
    Map<String, String> key = RunningHub.newKey();
    long clientsBefore = clientsOfTheCaller();

    RunningHub.Response first = hub.post("/clients", registration, key);
    RunningHub.Response retry = hub.post("/clients", registration, key);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().get("location")).isEqualTo(first.headers().get("location"));
    assertThat(retry.headers().get("idempotent-replayed")).isEqualTo("true");
    assertThat(clientsOfTheCaller()).isEqualTo(clientsBefore + 1);

    Map<String, Object> other = Personas.foodInsecureClient();
    RunningHub.Response reused = hub.post("/clients", other, key);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.json().path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
    assertThat(clientsOfTheCaller()).isEqualTo(clientsBefore + 1);

    // The key is the caller's and the endpoint's: the same key elsewhere is another request.
    String client = first.json().path("id").asText();
    assertThat(hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfFoodInsecureClient(), key)
        .status()).isEqualTo(201);
  }

  @Test
  void aRefusalIsNotKeptSoTheCorrectedRequestMayUseTheSameKey() {
    Map<String, String> key = RunningHub.newKey();
    Map<String, Object> registration = Personas.foodInsecureClient();
    Map<String, Object> incomplete = new HashMap<>(registration);
    incomplete.remove("birthDate");

    assertThat(hub.post("/clients", incomplete, key).status()).isEqualTo(400);
    assertThat(hub.post("/clients", registration, key).status()).isEqualTo(201);
  }

  @Test
  void aStaleIfMatchIsRefusedButARetryOfAnAnsweredStepIsAnswered() {
    String pathway = openHousing();
    RunningHub.Response read = hub.get("/pathways/" + pathway);
    String etag = read.headers().get("etag");
    assertThat(etag).matches("\"\\d+\"");
    Map<String, String> key = RunningHub.newKey();
    Map<String, String> ifMatch = new HashMap<>(key);
    ifMatch.put("If-Match", etag);
    Map<String, Object> step = RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY, Map.of(), null);

    RunningHub.Response recorded = hub.post("/pathways/" + pathway + "/steps", step, ifMatch);
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    // The same request again: its If-Match is stale now, but the key is checked first.
    RunningHub.Response retried = hub.post("/pathways/" + pathway + "/steps", step, ifMatch);
    assertThat(retried.status()).isEqualTo(201);
    assertThat(retried.body()).isEqualTo(recorded.body());

    Map<String, String> stale = new HashMap<>(RunningHub.newKey());
    stale.put("If-Match", etag);
    long stepsBefore = stepsOf(pathway);
    RunningHub.Response refused = hub.post("/pathways/" + pathway + "/steps",
        RunningHub.stepBody("HOUSING_SECURED", TODAY, Map.of(), null), stale);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(412);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(stepsOf(pathway)).isEqualTo(stepsBefore);

    Map<String, String> fresh = new HashMap<>(RunningHub.newKey());
    fresh.put("If-Match", hub.get("/pathways/" + pathway).headers().get("etag"));
    assertThat(hub.post("/pathways/" + pathway + "/steps",
        RunningHub.stepBody("HOUSING_SECURED", TODAY, Map.of(), null), fresh).status()).isEqualTo(201);
  }

  /**
   * Ten pathways one step from their outcome; for each, five outcome requests at once: four retries of one
   * request and one other request under the same key. Whichever body arrives first wins its pathway.
   */
  @Test
  void fiftyConcurrentStepRequestsLeaveExactlyTheStepsStatesAndPaymentsTheyImply() throws Exception {
    List<String> pathways = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String pathway = openHousing();
      hub.step(pathway, "APPLICATION_SUBMITTED", TODAY, Map.of(), null);
      hub.step(pathway, "HOUSING_SECURED", TODAY, Map.of(), null);
      pathways.add(pathway);
    }
    List<Callable<Sent>> requests = new ArrayList<>();
    for (String pathway : pathways) {
      Map<String, String> key = RunningHub.newKey();
      for (int copy = 0; copy < 5; copy++) {
        String note = copy < 4 ? "moved in" : "moved in, keys handed over";
        Map<String, Object> body = new HashMap<>(RunningHub.stepBody("MOVED_IN", TODAY, Map.of(), RunningHub.evidence()));
        body.put("note", note);
        requests.add(() -> new Sent(pathway, note, hub.post("/pathways/" + pathway + "/steps", body, key)));
      }
    }
    java.util.Collections.shuffle(requests, new java.util.Random(7));

    List<Sent> answers = new ArrayList<>();
    try (ExecutorService callers = Executors.newFixedThreadPool(50)) {
      for (Future<Sent> answer : callers.invokeAll(requests)) {
        answers.add(answer.get());
      }
    }

    assertThat(answers).hasSize(50).allSatisfy(sent ->
        assertThat(sent.response().status()).as(sent.response().toString()).isIn(201, 422));
    for (String pathway : pathways) {
      List<Sent> mine = answers.stream().filter(sent -> sent.pathway().equals(pathway)).toList();
      List<Sent> accepted = mine.stream().filter(sent -> sent.response().status() == 201).toList();
      assertThat(accepted).extracting(Sent::note).as("one body wins the key").hasSameElementsAs(
          List.of(accepted.getFirst().note()));
      assertThat(accepted).hasSize(accepted.getFirst().note().equals("moved in") ? 4 : 1);
      assertThat(accepted).extracting(sent -> sent.response().json().path("id").asText()).containsOnly(
          accepted.getFirst().response().json().path("id").asText());
      assertThat(hub.jdbc().sql("select count(*) from pathway_step where pathway_id = ?::uuid and step_code = 'MOVED_IN'")
          .param(pathway).query(Long.class).single()).isEqualTo(1);
    }
    for (String pathway : pathways) {
      JsonNode completed = hub.awaitStatus(pathway, "COMPLETED");
      hub.awaitPayments(pathway, 1);
      assertThat(completed.path("steps")).hasSize(3);
    }
    assertThat(hub.jdbc().sql("""
            select count(*) from payment_ledger
             where pathway_id in (select id from pathway where id::text = any (?)) and milestone = 'OUTCOME_CONFIRMED'""")
        .param(pathways.toArray(String[]::new)).query(Long.class).single()).isEqualTo(10);
  }

  /**
   * The engine delivers at least once: a pathway's process started twice, and its payment and completion
   * jobs handled twice, leave one process instance in charge, one payment and one completion.
   */
  @Test
  void aBusinessEventDeliveredTwiceHasOneEffect() {
    String pathway = openHousing();
    UUID pathwayId = UUID.fromString(pathway);
    hub.step(pathway, "APPLICATION_SUBMITTED", TODAY, Map.of(), null);
    hub.step(pathway, "HOUSING_SECURED", TODAY, Map.of(), null);
    long instance = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> processInstanceOf(pathway), key -> key != null);
    var started = hub.jdbc().sql("""
            select d.engine_key, p.deadline from pathway p join pathway_definition d on d.id = p.definition_id
             where p.id = ?::uuid""").param(pathway)
        .query((rs, row) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant())).single();

    // The start delivered again: the second instance's claim is refused and it ends at once.
    hub.bean(io.camunda.client.CamundaClient.class).newCreateInstanceCommand()
        .processDefinitionKey(started.getKey())
        .variables(Map.of("pathwayId", pathway, "deadline", started.getValue().toString()))
        .send().join();
    hub.step(pathway, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    JsonNode completed = hub.awaitStatus(pathway, "COMPLETED");
    hub.awaitPayments(pathway, 1);
    assertThat(processInstanceOf(pathway)).isEqualTo(instance);

    // The outcome's payment and completion jobs handled again, as a redelivered job would be.
    UUID outcomeStep = hub.jdbc()
        .sql("select id from pathway_step where pathway_id = ?::uuid and step_code = 'MOVED_IN'")
        .param(pathway).query(UUID.class).single();
    var payment = hub.bean(MilestoneEvaluation.class);
    assertThat(payment.evaluate(pathwayId, outcomeStep)).isEqualTo(payment.evaluate(pathwayId, outcomeStep));
    var outcomes = hub.bean(PathwayOutcomes.class);
    outcomes.complete(pathwayId, instance, completed.path("outcomeVariant").asText());
    assertThat(outcomes.claimInstance(pathwayId, instance + 1, started.getKey()))
        .as("another instance's claim").isFalse();

    JsonNode after = hub.get("/pathways/" + pathway).json();
    assertThat(after.path("payments")).hasSize(1);
    assertThat(after.path("closedAt").asText()).isEqualTo(completed.path("closedAt").asText());
    assertThat(hub.jdbc().sql("select count(*) from payment_ledger where pathway_id = ?::uuid").param(pathway)
        .query(Long.class).single()).isEqualTo(1);
  }

  private static Long processInstanceOf(String pathway) {
    return hub.jdbc().sql("select process_instance_key from pathway where id = ?::uuid").param(pathway)
        .query(Long.class).optional().orElse(null);
  }

  private record Sent(String pathway, String note, RunningHub.Response response) {}

  private static String openHousing() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return hub.open(client, "HOUSING", Map.of());
  }

  /** The clients assigned to this class's CHW: other classes register clients in the same database. */
  private static long clientsOfTheCaller() {
    return hub.jdbc().sql("select count(*) from client where assigned_user_id = ?::uuid")
        .param(RunningHub.memberIdOf(hub.chwToken())).query(Long.class).single();
  }

  private static long stepsOf(String pathway) {
    return hub.jdbc().sql("select count(*) from pathway_step where pathway_id = ?::uuid").param(pathway)
        .query(Long.class).single();
  }
}
