package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.communityhub.engine.support.ClusterLocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine state rebuilt from PostgreSQL: the broker's data directory is deleted between two runs, the HUB
 * starts with the rebuild, and every open pathway continues on its own definition version, with its
 * original due date, paid once per milestone; a completed pathway is left alone. A second rebuild on an
 * engine that kept its data leaves one live instance per pathway.
 */
class EngineRebuildTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(3);

  @TempDir
  static Path dataDir;
  static RunningHub hub;

  @BeforeAll
  static void startHub() {
    hub = RunningHub.start(dataDir);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void everyOpenPathwayContinuesOnItsOwnVersionAfterTheBrokerLostItsData() {
    String firstClient = client();
    String secondClient = client();
    String housingV1 = hub.open(firstClient, "HOUSING", Map.of());
    hub.step(housingV1, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    publishHousingVersion2();
    String housingV2 = hub.open(secondClient, "HOUSING", Map.of());
    hub.step(housingV2, "APPLICATION_SUBMITTED", TODAY.minusDays(10), Map.of(), null);
    hub.step(housingV2, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    String pregnancy = hub.open(firstClient, "PREGNANCY",
        Map.of("estimatedDueDate", TODAY.plusMonths(5).toString()));
    hub.step(pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN", TODAY.minusDays(3), Map.of(), null);
    hub.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(1), Map.of(), RunningHub.evidence());
    String completed = hub.open(firstClient, "MEDICAL_HOME", Map.of());
    hub.step(completed, "PRACTICE_SELECTED", TODAY.minusDays(2), Map.of(), null);
    hub.step(completed, "APPOINTMENT_SCHEDULED", TODAY.minusDays(1), Map.of(), null);
    hub.step(completed, "FIRST_VISIT_ATTENDED", TODAY, Map.of(), RunningHub.evidence());
    hub.awaitPayments(pregnancy, 1);
    JsonNode completedBefore = hub.awaitStatus(completed, "COMPLETED");
    List<String> open = List.of(housingV1, housingV2, pregnancy);
    await().atMost(REBUILD_TIMEOUT).until(() -> open.stream().allMatch(id -> instanceOf(id) != null));
    Map<String, JsonNode> before = views(open);
    assertThat(before.get(housingV1).path("definitionVersion").asInt()).isEqualTo(1);
    assertThat(before.get(housingV2).path("definitionVersion").asInt()).isEqualTo(2);

    hub.stop();
    deleteRecursively(hub.dataDir().resolve("zeebe"));
    hub.startAgain("--hub.engine.rebuild.on-start=true");

    JsonNode rebuilt = awaitFinished(latestRebuild());
    assertThat(rebuilt.path("requestedBy").asText()).isEqualTo("start-up");
    assertThat(rebuilt.path("pathwaysFailed").asInt()).isZero();
    assertThat(rebuilt.path("pathwaysDone").asInt()).isEqualTo(rebuilt.path("pathwaysTotal").asInt())
        .isGreaterThanOrEqualTo(open.size());
    assertThat(rebuilt.path("definitionsRedeployed").asInt()).as("HOUSING v1 besides every active version")
        .isGreaterThan(21);
    // The claim worker accepts an instance only on the key recorded for the pathway's own version: a claimed
    // pathway runs on its version's new key.
    await().atMost(REBUILD_TIMEOUT).until(() -> open.stream().allMatch(id -> instanceOf(id) != null));
    for (String pathway : open) {
      JsonNode view = hub.get("/pathways/" + pathway).json();
      assertThat(view.path("definitionVersion").asInt()).isEqualTo(before.get(pathway).path("definitionVersion").asInt());
      assertThat(view.path("dueDate").asText()).isEqualTo(before.get(pathway).path("dueDate").asText());
      assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
      assertThat(view.path("steps")).hasSameSizeAs(before.get(pathway).path("steps"));
      assertThat(startDeadlineOfRebuild(pathway, rebuilt.path("id").asText()))
          .as("the time limit counts from the opening").isEqualTo(deadlineOf(pathway));
    }
    assertThat(hub.get("/pathways/" + completed).json()).isEqualTo(completedBefore);
    assertThat(handedOver(completed)).as("a completed pathway is left alone").isZero();

    // Again, on an engine that kept its data: the instances of the first rebuild are cancelled.
    Map<String, Long> firstInstances = Map.of(housingV1, instanceOf(housingV1), housingV2, instanceOf(housingV2),
        pregnancy, instanceOf(pregnancy));
    RunningHub.Response again = asAdmin(() -> hub.post("/admin/engine/rebuilds", Map.of()));
    assertThat(again.status()).as(again.toString()).isEqualTo(202);
    assertThat(again.headers().get("location")).isEqualTo("/admin/engine/rebuilds/" + again.json().path("id").asText());
    awaitFinished(again.json().path("id").asText());
    await().atMost(REBUILD_TIMEOUT).until(() -> open.stream()
        .allMatch(id -> instanceOf(id) != null && !instanceOf(id).equals(firstInstances.get(id))));
    CamundaClient engine = hub.bean(CamundaClient.class);
    firstInstances.values().forEach(key -> assertThat(cancelStatus(engine, key))
        .as("the previous instance %s is gone", key).isEqualTo(Status.Code.NOT_FOUND));

    hub.step(housingV1, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    hub.step(housingV1, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.step(housingV2, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.step(pregnancy, "DELIVERY", TODAY, Map.of("birthWeightGrams", 3120), RunningHub.evidence());
    for (String pathway : open) {
      hub.awaitStatus(pathway, "COMPLETED");
    }
    assertThat(hub.get("/pathways/" + pregnancy).json().path("payments").findValuesAsText("milestone"))
        .containsExactly("SERVICE_CONFIRMED", "OUTCOME_CONFIRMED");
    assertThat(hub.jdbc().sql("""
            select count(*) from (select pathway_id, milestone from payment_ledger
                                   where pathway_id in (?, ?, ?, ?) group by pathway_id, milestone
                                  having count(*) > 1) doubled""")
        .params(uuid(housingV1), uuid(housingV2), uuid(pregnancy), uuid(completed)).query(Long.class).single())
        .as("milestones paid more than once").isZero();
    long paid = hub.jdbc().sql("select sum(amount_cents) from payment_ledger where pathway_id in (?, ?, ?)")
        .params(uuid(housingV1), uuid(housingV2), uuid(pregnancy)).query(Long.class).single();
    assertThat(paid).isEqualTo(450_00 + 450_00 + 150_00 + 600_00);
    assertThat(hub.get("/pathways/" + completed).json()).isEqualTo(completedBefore);
  }

  @Test
  void aSecondRebuildIsRefusedWhileOneRuns() {
    // As another instance of the application on this database would leave it while its rebuild runs: the row,
    // and the advisory lock its runner holds (without the lock, this instance would resume the rebuild).
    ClusterLocks.Held anotherInstancesLock = hub.bean(ClusterLocks.class).tryHold(ClusterLocks.ENGINE_REBUILD)
        .orElseThrow();
    UUID running = UUID.randomUUID();
    hub.jdbc().sql("""
            insert into engine_rebuild (id, requested_by, status, phase, started_at)
            values (?, 'another instance', 'RUNNING', 'REPLAYING', now())""").param(running).update();
    try {
      // With an Idempotency-Key the request runs in one transaction, which the refusal must leave usable.
      for (Map<String, String> headers : List.of(Map.<String, String>of(), RunningHub.newKey())) {
        RunningHub.Response refused = asAdmin(() -> hub.post("/admin/engine/rebuilds", Map.of(), headers));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains(running.toString());
      }
      JsonNode progress = asAdmin(() -> hub.get("/admin/engine/rebuilds/" + running)).json();
      assertThat(progress.path("status").asText()).isEqualTo("RUNNING");
      assertThat(progress.path("phase").asText()).isEqualTo("REPLAYING");
    } finally {
      hub.jdbc().sql("update engine_rebuild set status = 'FAILED', phase = 'DONE', finished_at = now() where id = ?")
          .param(running).update();
      anotherInstancesLock.close();
    }
    assertThat(asAdmin(() -> hub.get("/admin/engine/rebuilds/" + UUID.randomUUID())).status()).isEqualTo(404);
    RunningHub.Response unknown = asAdmin(() -> hub.post("/admin/engine/rebuilds",
        Map.of("pathwayIds", List.of(UUID.randomUUID().toString()))));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
    assertThat(unknown.body()).contains("pathwayIds");
    assertThat(hub.post("/admin/engine/rebuilds", Map.of()).status()).as("a CHW").isEqualTo(403);
  }

  @Test
  void aRebuildWhoseInstanceDiedIsResumedByAnInstanceStillRunning() {
    String housing = hub.open(client(), "HOUSING", Map.of());
    hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    // As an instance killed early in a rebuild leaves it: RUNNING, and nobody holds its advisory lock. (Every
    // instance holds its outbox delivery until the rebuild has redeployed and cancelled.)
    UUID orphaned = UUID.randomUUID();
    hub.jdbc().sql("""
            insert into engine_rebuild (id, requested_by, scope, status, phase, pathways_total, started_at)
            values (?, 'a killed instance', cast(? as uuid[]), 'RUNNING', 'WAITING_FOR_ENGINE', 1, now())""")
        .params(orphaned, "{" + housing + "}").update();

    JsonNode done = awaitFinished(orphaned.toString());
    assertThat(done.path("pathwaysDone").asInt()).isEqualTo(1);
    assertThat(handedOver(housing)).isEqualTo(1);
    hub.step(housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.awaitStatus(housing, "COMPLETED");
  }

  private static JsonNode awaitFinished(String rebuildId) {
    JsonNode done = await().atMost(REBUILD_TIMEOUT).pollInterval(Duration.ofMillis(250))
        .until(() -> asAdmin(() -> hub.get("/admin/engine/rebuilds/" + rebuildId)).json(),
            progress -> !progress.path("status").asText().equals("RUNNING"));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("FINISHED");
    assertThat(done.path("phase").asText()).isEqualTo("DONE");
    assertThat(done.path("finishedAt").asText()).isNotBlank();
    return done;
  }

  private static String latestRebuild() {
    return hub.jdbc().sql("select id from engine_rebuild order by started_at desc limit 1")
        .query(String.class).single();
  }

  private static Status.Code cancelStatus(CamundaClient engine, long instanceKey) {
    try {
      engine.newCancelInstanceCommand(instanceKey).send().join();
      return Status.Code.OK;
    } catch (ClientStatusException e) {
      return e.getStatusCode();
    } catch (CompletionException e) {
      return Status.fromThrowable(e.getCause()).getCode();
    }
  }

  private static Long instanceOf(String pathwayId) {
    return hub.jdbc().sql("select process_instance_key from pathway where id = ?").param(uuid(pathwayId))
        .query(Long.class).optional().orElse(null);
  }

  private static String deadlineOf(String pathwayId) {
    return hub.jdbc().sql("select deadline from pathway where id = ?").param(uuid(pathwayId))
        .query(java.sql.Timestamp.class).single().toInstant().toString();
  }

  private static String startDeadlineOfRebuild(String pathwayId, String rebuildId) {
    // The start the rebuild queued is the first row after the rows it superseded.
    return hub.jdbc().sql("""
            select payload -> 'variables' ->> 'deadline' from outbox
             where pathway_id = ? and kind = 'START_PROCESS' and superseded_by is null
               and id > coalesce((select max(id) from outbox where superseded_by = ?), 0)
             order by id limit 1""")
        .params(uuid(pathwayId), uuid(rebuildId)).query(String.class).single();
  }

  private static long handedOver(String pathwayId) {
    return hub.jdbc().sql("select count(*) from engine_rebuild_pathway where pathway_id = ?")
        .param(uuid(pathwayId)).query(Long.class).single();
  }

  private static Map<String, JsonNode> views(List<String> pathways) {
    return pathways.stream().collect(java.util.stream.Collectors.toMap(id -> id,
        id -> hub.get("/pathways/" + id).json()));
  }

  private static void publishHousingVersion2() {
    String descriptor = resource("pathways/housing.json").replaceFirst("\"days\"\\s*:\\s*180", "\"days\": 270");
    String bpmn = resource("pathways/housing.bpmn")
        .replace("name=\"Housing pathway\"", "name=\"Housing pathway (270 days)\"");
    RunningHub.Response published = asAdmin(() -> hub.postMultipart("/admin/pathway-definitions", Map.of(
        "descriptor", descriptor.getBytes(StandardCharsets.UTF_8), "bpmn", bpmn.getBytes(StandardCharsets.UTF_8))));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
  }

  private static String client() {
    String clientId = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + clientId + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return clientId;
  }

  private static UUID uuid(String id) {
    return UUID.fromString(id);
  }

  private static String resource(String path) {
    try (InputStream in = EngineRebuildTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T asAdmin(java.util.function.Supplier<T> calls) {
    return hub.as(hub.adminToken(), calls);
  }
}
