package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine away and the engine refusing: steps are accepted while the broker is dead and delivered in order
 * when it is back, never dead-lettered for the outage; a command the engine refuses becomes a dead letter that
 * holds back only its own pathway until an administrator retries it.
 */
class EngineOutageTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final Duration OUTAGE_TIMEOUT = Duration.ofMinutes(3);
  /** Strict on purpose: an outage must not dead-letter even when two refusals would. */
  private static final int DEAD_LETTER_AFTER_REFUSALS = 2;

  @TempDir
  static Path dataDir;
  static RunningHub hub;

  @BeforeAll
  static void startHub() {
    hub = RunningHub.start(dataDir,
        "--hub.outbox.dead-letter-after-refusals=" + DEAD_LETTER_AFTER_REFUSALS,
        // Backoff capped low so the backlog resumes within seconds of the broker's return, not a minute.
        "--hub.outbox.max-retry-delay=2s",
        // A job whose completion died with the killed broker is handed out again after this, not 5 minutes.
        "--camunda.client.worker.defaults.timeout=PT20S");
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void acceptsStepsWhileTheBrokerIsDeadAndDeliversThemInOrderWhenItIsBack() {
    String clientId = client();
    String pregnancy = hub.open(clientId, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusMonths(5).toString()));
    hub.step(pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN", TODAY.minusDays(3), Map.of(), null);
    hub.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(1), Map.of(), RunningHub.evidence());
    hub.awaitPayments(pregnancy, 1);
    await().atMost(OUTAGE_TIMEOUT).until(() -> undelivered(pregnancy) == 0);

    hub.killBroker();
    String housing = hub.open(clientId, "HOUSING", Map.of());
    hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    hub.step(housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.step(pregnancy, "DELIVERY", TODAY, Map.of("birthWeightGrams", 3120), RunningHub.evidence());

    assertThat(undelivered(housing)).as("start and three steps wait in the outbox").isEqualTo(4);
    assertThat(undelivered(pregnancy)).isEqualTo(1);
    // Both pathways' first waiting commands fail more often than a refusal would be allowed to, and stay.
    await().atMost(OUTAGE_TIMEOUT).until(() -> hub.jdbc().sql("""
            select count(*) from outbox where delivered_at is null and attempts > ? and pathway_id in (?, ?)""")
        .params(DEAD_LETTER_AFTER_REFUSALS, UUID.fromString(housing), UUID.fromString(pregnancy))
        .query(Long.class).single() == 2);
    JsonNode backlog = asAdmin(() -> hub.get("/admin/outbox")).json();
    assertThat(backlog.path("pending").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(backlog.path("retrying").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(backlog.path("dead").asLong()).isZero();
    assertThat(backlog.path("oldestPendingSince").asText()).isNotBlank();
    assertThat(asAdmin(() -> hub.get("/admin/outbox/dead-letters")).json()).isEmpty();

    hub.startBroker();

    JsonNode housingDone = hub.awaitStatus(housing, "COMPLETED");
    assertThat(housingDone.path("outcomeVariant").asText()).isEqualTo("STANDARD");
    JsonNode pregnancyDone = hub.awaitStatus(pregnancy, "COMPLETED");
    assertThat(pregnancyDone.path("payments").findValuesAsText("milestone"))
        .containsExactly("SERVICE_CONFIRMED", "OUTCOME_CONFIRMED");
    long paid = hub.jdbc().sql("select sum(amount_cents) from payment_ledger where pathway_id in (?, ?)")
        .params(UUID.fromString(housing), UUID.fromString(pregnancy)).query(Long.class).single();
    assertThat(paid).as("each milestone paid once").isEqualTo(450_00 + 150_00 + 600_00);
    assertThat(undelivered(housing) + undelivered(pregnancy)).isZero();
    assertThat(hub.jdbc().sql("""
            select count(*) from outbox earlier join outbox later
                on later.pathway_id = earlier.pathway_id and later.id > earlier.id
             where earlier.pathway_id in (?, ?) and later.delivered_at < earlier.delivered_at""")
        .params(UUID.fromString(housing), UUID.fromString(pregnancy)).query(Long.class).single())
        .as("rows delivered out of order within a pathway").isZero();
  }

  @Test
  void aCommandTheEngineRefusesBecomesADeadLetterThatHoldsBackOnlyItsPathwayUntilRetried() {
    String clientId = client();
    // As if the engine had lost the deployment: the version's recorded key is one the broker does not know.
    long engineKey = hub.jdbc().sql("select engine_key from pathway_definition where code = 'MEDICAL_HOME' and active")
        .query(Long.class).single();
    long unknownKey = engineKey + 1_000_000_000L;
    setMedicalHomeEngineKey(unknownKey);
    String medicalHome = hub.open(clientId, "MEDICAL_HOME", Map.of());
    hub.step(medicalHome, "PRACTICE_SELECTED", TODAY.minusDays(2), Map.of(), null);
    String housing = hub.open(clientId, "HOUSING", Map.of());
    hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    hub.step(housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());

    JsonNode deadLetter = await().atMost(OUTAGE_TIMEOUT).until(() -> deadLetterOf(medicalHome), found -> found != null);
    assertThat(deadLetter.path("kind").asText()).isEqualTo("START_PROCESS");
    assertThat(deadLetter.path("refusals").asInt()).isEqualTo(DEAD_LETTER_AFTER_REFUSALS);
    assertThat(deadLetter.path("attempts").asInt()).isGreaterThanOrEqualTo(DEAD_LETTER_AFTER_REFUSALS);
    assertThat(deadLetter.path("lastError").asText()).contains(Long.toString(unknownKey));
    assertThat(deadLetter.path("firstAttemptAt").asText()).isNotBlank();
    assertThat(deadLetter.path("lastAttemptAt").asText()).isNotBlank();
    assertThat(deadLetter.path("deadAt").asText()).isNotBlank();

    hub.awaitStatus(housing, "COMPLETED");
    long stepRow = hub.jdbc().sql("select max(id) from outbox where pathway_id = ?")
        .param(UUID.fromString(medicalHome)).query(Long.class).single();
    assertThat(hub.jdbc().sql("select attempts from outbox where id = ?").param(stepRow).query(Integer.class).single())
        .as("the step waits behind its pathway's dead letter, untried").isZero();
    RunningHub.Response retryOfWaitingRow = asAdmin(() -> hub.post("/admin/outbox/dead-letters/" + stepRow + "/retry", Map.of()));
    assertThat(retryOfWaitingRow.status()).as(retryOfWaitingRow.toString()).isEqualTo(200);
    assertThat(retryOfWaitingRow.json().path("state").asText()).isEqualTo("PENDING");
    assertThat(asAdmin(() -> hub.post("/admin/outbox/dead-letters/999999999/retry", Map.of())).status()).isEqualTo(404);

    setMedicalHomeEngineKey(engineKey);
    long deadId = deadLetter.path("id").asLong();
    RunningHub.Response retried = asAdmin(() -> hub.post("/admin/outbox/dead-letters/" + deadId + "/retry", Map.of()));
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.json().path("state").asText()).isEqualTo("PENDING");

    hub.step(medicalHome, "APPOINTMENT_SCHEDULED", TODAY.minusDays(1), Map.of(), null);
    hub.step(medicalHome, "FIRST_VISIT_ATTENDED", TODAY, Map.of(), RunningHub.evidence());
    hub.awaitStatus(medicalHome, "COMPLETED");
    assertThat(deadLetterOf(medicalHome)).isNull();
    RunningHub.Response again = asAdmin(() -> hub.post("/admin/outbox/dead-letters/" + deadId + "/retry", Map.of()));
    assertThat(again.status()).as("a delivered row has nothing to retry: %s", again).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
  }

  private static String client() {
    String clientId = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + clientId + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return clientId;
  }

  private static void setMedicalHomeEngineKey(long key) {
    hub.jdbc().sql("update pathway_definition set engine_key = ? where code = 'MEDICAL_HOME' and active")
        .param(key).update();
  }

  private static JsonNode deadLetterOf(String pathwayId) {
    RunningHub.Response response = asAdmin(() -> hub.get("/admin/outbox/dead-letters"));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    for (JsonNode deadLetter : response.json()) {
      if (deadLetter.path("pathwayId").asText().equals(pathwayId)) {
        return deadLetter;
      }
    }
    return null;
  }

  private static long undelivered(String pathwayId) {
    return hub.jdbc().sql("select count(*) from outbox where delivered_at is null and pathway_id = ?")
        .param(UUID.fromString(pathwayId)).query(Long.class).single();
  }

  private static <T> T asAdmin(java.util.function.Supplier<T> calls) {
    return hub.as(hub.adminToken(), calls);
  }
}
