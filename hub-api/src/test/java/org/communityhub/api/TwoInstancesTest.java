package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application instances on one PostgreSQL and one engine, as a scaled-out HUB runs them (docs/scaling.md):
 * the second in the remote engine mode against the first's broker. Steps recorded through both, each pathway's
 * steps alternating between them, are delivered once each, in order per pathway, by both instances' outbox
 * loops together, and every pathway completes, paid once per milestone. Its own applications: it starts a
 * second instance on the first one's database.
 */
class TwoInstancesTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final String SIGNING_KEY = Base64.getEncoder()
      .encodeToString("two-instances-test-signing-key-32-bytes!".getBytes());

  @TempDir
  static Path firstDataDir;
  @TempDir
  static Path secondDataDir;
  static RunningHub first;
  static RunningHub second;

  @BeforeAll
  static void startBothInstances() {
    first = RunningHub.start(firstDataDir, "--hub.auth.signing-key=" + SIGNING_KEY);
    second = first.anotherInstance(secondDataDir, "--hub.auth.signing-key=" + SIGNING_KEY);
  }

  @AfterAll
  static void stopBothInstances() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void stepsRecordedThroughBothInstancesAreDeliveredOnceInOrderAndEveryPathwayCompletesPaidOnce() {
    second.switchToNewChwOf(RunningHub.DEFAULT_AGENCY);
    String chwOnBoth = second.chwToken();
    List<String> pathways = new ArrayList<>();
    List<RunningHub> instances = List.of(first, second);
    for (int client = 0; client < 4; client++) {
      RunningHub opener = instances.get(client % 2);
      String clientId = opener.as(chwOnBoth, () -> opener.register(Personas.pregnantClientWithUnstableHousing()));
      opener.as(chwOnBoth, () -> opener.post("/clients/" + clientId + "/checklists",
          Personas.initialChecklistOfPregnantClientWithUnstableHousing()));
      String pregnancy = opener.as(chwOnBoth, () -> opener.open(clientId, "PREGNANCY",
          Map.of("estimatedDueDate", TODAY.plusMonths(5).toString())));
      String housing = opener.as(chwOnBoth, () -> opener.open(clientId, "HOUSING", Map.of()));
      pathways.add(pregnancy);
      pathways.add(housing);
      // Each pathway's steps alternate between the instances: its outbox rows are written on both.
      step(instances.get((client + 1) % 2), chwOnBoth, pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN",
          TODAY.minusDays(3), Map.of(), false);
      step(opener, chwOnBoth, housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), false);
      step(opener, chwOnBoth, pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(1), Map.of(), true);
      step(instances.get((client + 1) % 2), chwOnBoth, housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(),
          false);
      step(instances.get((client + 1) % 2), chwOnBoth, pregnancy, "DELIVERY", TODAY,
          Map.of("birthWeightGrams", 3120), true);
      step(opener, chwOnBoth, housing, "MOVED_IN", TODAY, Map.of(), true);
    }

    for (String pathway : pathways) {
      first.as(chwOnBoth, () -> first.awaitStatus(pathway, "COMPLETED"));
    }

    UUID[] ids = pathways.stream().map(UUID::fromString).toArray(UUID[]::new);
    assertThat(first.jdbc().sql("select count(*) from outbox where pathway_id = any(?) and delivered_at is null")
        .param(ids).query(Long.class).single()).isZero();
    assertThat(first.jdbc().sql("""
            select count(*) from outbox earlier join outbox later
                on later.pathway_id = earlier.pathway_id and later.id > earlier.id
             where earlier.pathway_id = any(?) and later.delivered_at < earlier.delivered_at""")
        .param(ids).query(Long.class).single())
        .as("rows delivered out of order within a pathway").isZero();
    assertThat(first.jdbc().sql("select count(distinct claimed_by) from outbox where pathway_id = any(?)")
        .param(ids).query(Long.class).single())
        .as("both instances delivered rows").isEqualTo(2);
    assertThat(first.jdbc().sql("""
            select count(*) from payment_ledger where pathway_id = any(?) and entry_type = 'EARNING'""")
        .param(ids).query(Long.class).single())
        .as("Pregnancy earns two milestones, Housing one, each once").isEqualTo(4 * (2 + 1));
    assertThat(first.jdbc().sql("""
            select distinct count(*) from payment_ledger where pathway_id = any(?) group by pathway_id, milestone""")
        .param(ids).query(Long.class).set()).isEqualTo(Set.of(1L));
    assertThat(first.jdbc().sql("select count(*) from pathway where id = any(?) and process_instance_key is null")
        .param(ids).query(Long.class).single()).as("every pathway has its process instance").isZero();
  }

  private static void step(RunningHub through, String chw, String pathwayId, String code, LocalDate occurredOn,
      Map<String, Object> data, boolean evidence) {
    through.as(chw, () -> {
      through.step(pathwayId, code, occurredOn, data, evidence ? RunningHub.evidence() : null);
      return null;
    });
  }
}
