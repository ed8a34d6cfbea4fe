package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.runtime.Backups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HUB restored onto an empty machine from a backup of its database alone (pg_dump while it runs, restored
 * at start-up with hub.restore.from; docs/operations.md), its engine state rebuilt at start-up: pathways,
 * ledger and payment report as before, and an open pathway goes on to its outcome, paid once per milestone.
 */
class BackupRestoreTest {

  private static final LocalDate TODAY = RunningHub.today();

  @TempDir
  static Path originalDir;
  @TempDir
  static Path emptyMachine;
  @TempDir
  static Path backups;
  static RunningHub original;
  static RunningHub restored;

  @AfterAll
  static void stopHubs() {
    for (RunningHub hub : new RunningHub[] {original, restored}) {
      if (hub != null) {
        hub.close();
      }
    }
  }

  @Test
  void aHubRestoredFromItsDatabaseOntoAnEmptyMachineGoesOnAsBefore() {
    original = RunningHub.start(originalDir);
    String client = original.register(Personas.pregnantClientWithUnstableHousing());
    original.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String pregnancy = original.open(client, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusMonths(5).toString()));
    original.step(pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN", TODAY.minusDays(3), Map.of(), null);
    original.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(1), Map.of(), RunningHub.evidence());
    String housing = original.open(client, "HOUSING", Map.of());
    original.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    original.step(housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    original.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    original.awaitStatus(housing, "COMPLETED");
    original.awaitPayments(pregnancy, 1);
    List<String> pathways = List.of(pregnancy, housing);
    Map<String, JsonNode> viewsBefore = views(original, pathways);
    List<Map<String, Object>> ledgerBefore = ledger(original, pathways);
    JsonNode reportBefore = report(original);

    Path backup = backups.resolve("hub.dump");
    Backups.pgDump(original.postgresPort(), backup);
    original.stop();
    // The administrator knows their password; RunningHub signs in with the file a first start writes.
    copy(originalDir.resolve("initial-admin-password"), emptyMachine.resolve("initial-admin-password"));
    restored = RunningHub.start(emptyMachine, "--hub.restore.from=" + backup, "--hub.engine.rebuild.on-start=true");

    assertThat(views(restored, pathways)).isEqualTo(viewsBefore);
    assertThat(ledger(restored, pathways)).isEqualTo(ledgerBefore);
    assertThat(report(restored)).isEqualTo(reportBefore);
    restored.step(pregnancy, "DELIVERY", TODAY, Map.of("birthWeightGrams", 3120), RunningHub.evidence());
    JsonNode delivered = restored.awaitStatus(pregnancy, "COMPLETED");
    assertThat(delivered.path("payments").findValuesAsText("milestone"))
        .containsExactly("SERVICE_CONFIRMED", "OUTCOME_CONFIRMED");
    assertThat(restored.get("/pathways/" + housing).json()).isEqualTo(viewsBefore.get(housing));
  }

  private static Map<String, JsonNode> views(RunningHub hub, List<String> pathways) {
    return hub.as(hub.adminToken(), () -> pathways.stream()
        .collect(java.util.stream.Collectors.toMap(id -> id, id -> hub.get("/pathways/" + id).json())));
  }

  private static List<Map<String, Object>> ledger(RunningHub hub, List<String> pathways) {
    return hub.jdbc().sql("""
            select * from payment_ledger where pathway_id in (?, ?) order by pathway_id, milestone""")
        .params(UUID.fromString(pathways.get(0)), UUID.fromString(pathways.get(1))).query().listOfRows();
  }

  private static JsonNode report(RunningHub hub) {
    RunningHub.Response report = hub.as(hub.adminToken(), () -> hub.get("/reports/payments?payer=STATE_MEDICAID&from="
        + TODAY.minusMonths(1) + "&to=" + TODAY));
    assertThat(report.status()).as(report.toString()).isEqualTo(200);
    return report.json();
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
