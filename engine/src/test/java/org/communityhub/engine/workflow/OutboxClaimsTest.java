package org.communityhub.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several application instances drain one outbox: the claims in PostgreSQL (not any in-process guard) must
 * keep every row delivered once, one row per pathway at a time, in id order per pathway. Real PostgreSQL,
 * claimers that play the instances, each with several senders like {@link OutboxDelivery}'s commands in flight.
 */
class OutboxClaimsTest {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static EmbeddedPostgres postgres;
  private static JdbcClient jdbc;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
        .migrate();
    jdbc = JdbcClient.create(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  /** One delivery as a claimer saw it: which row, when it began and ended (a global sequence number). */
  record Delivery(long id, UUID pathwayId, String claimer, long began, long ended) {}

  @Test
  void concurrentClaimersDeliverEveryRowOnceOnePathwayRowAtATimeInOrder() throws Exception {
    List<UUID> pathways = new ArrayList<>();
    Outbox writer = new Outbox(jdbc, "writer");
    Instant now = Instant.now();
    for (int p = 0; p < 30; p++) {
      pathways.add(UUID.randomUUID());
    }
    for (int step = 0; step < 12; step++) {
      for (UUID pathway : pathways) {
        writer.append(pathway, EngineCommand.publish("Step" + step, pathway, UUID.randomUUID().toString(),
            now.plusSeconds(3600), Map.of()), now);
      }
    }

    AtomicInteger clock = new AtomicInteger();
    Map<UUID, Long> inFlight = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> overlaps = new ConcurrentLinkedQueue<>();
    List<Outbox> instances = List.of(new Outbox(jdbc, "instance-a"), new Outbox(jdbc, "instance-b"),
        new Outbox(jdbc, "instance-c"));
    ExecutorService senders = Executors.newFixedThreadPool(12);
    ExecutorService claimers = Executors.newFixedThreadPool(instances.size());
    List<Future<?>> loops = new ArrayList<>();
    for (Outbox instance : instances) {
      loops.add(claimers.submit(() -> {
        Random random = new Random();
        int idleRounds = 0;
        while (idleRounds < 50) {
          List<Outbox.Pending> claimed = instance.claimDueHeads(Instant.now(), LEASE, 4);
          idleRounds = claimed.isEmpty() ? idleRounds + 1 : 0;
          List<Future<?>> sends = new ArrayList<>();
          for (Outbox.Pending row : claimed) {
            sends.add(senders.submit(() -> {
              long began = clock.incrementAndGet();
              if (inFlight.putIfAbsent(row.pathwayId(), row.id()) != null) {
                overlaps.add("pathway " + row.pathwayId() + " had " + inFlight.get(row.pathwayId())
                    + " in flight when " + row.id() + " was sent");
              }
              sleep(random.nextInt(3));
              inFlight.remove(row.pathwayId(), row.id());
              deliveries.add(new Delivery(row.id(), row.pathwayId(), instance.claimer(), began,
                  clock.incrementAndGet()));
              instance.delivered(row.id(), Instant.now());
            }));
          }
          for (Future<?> send : sends) {
            send.get();
          }
          if (claimed.isEmpty()) {
            sleep(5);
          }
        }
        return null;
      }));
    }
    for (Future<?> loop : loops) {
      loop.get();
    }
    senders.shutdown();
    claimers.shutdown();

    List<Long> written = jdbc.sql("select id from outbox where pathway_id = any(?) order by id")
        .param(pathways.toArray(UUID[]::new)).query(Long.class).list();
    assertThat(overlaps).isEmpty();
    assertThat(deliveries).extracting(Delivery::id).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(written);
    for (UUID pathway : pathways) {
      List<Delivery> ofPathway = deliveries.stream().filter(d -> d.pathwayId().equals(pathway))
          .sorted((a, b) -> Long.compare(a.began(), b.began())).toList();
      assertThat(ofPathway).extracting(Delivery::id).isSorted();
      for (int i = 1; i < ofPathway.size(); i++) {
        assertThat(ofPathway.get(i).began()).as("a row of %s sent before the previous one was delivered", pathway)
            .isGreaterThan(ofPathway.get(i - 1).ended());
      }
    }
    assertThat(deliveries).extracting(Delivery::claimer).as("every instance took part")
        .contains("instance-a", "instance-b", "instance-c");
    assertThat(jdbc.sql("select count(*) from outbox where pathway_id = any(?) and delivered_at is null")
        .param(pathways.toArray(UUID[]::new)).query(Long.class).single()).isZero();
  }

  @Test
  void aKilledInstancesClaimLapsesAndAnotherInstanceTakesTheRowOver() {
    UUID pathway = UUID.randomUUID();
    Instant now = Instant.now();
    Outbox killed = new Outbox(jdbc, "killed");
    Outbox survivor = new Outbox(jdbc, "survivor");
    killed.append(pathway, EngineCommand.publish("First", pathway, "m1", now.plusSeconds(3600), Map.of()), now);
    killed.append(pathway, EngineCommand.publish("Second", pathway, "m2", now.plusSeconds(3600), Map.of()), now);

    List<Outbox.Pending> claimedByKilled = ofPathway(killed.claimDueHeads(now, LEASE, 1000), pathway);
    assertThat(claimedByKilled).extracting(Outbox.Pending::command).extracting(EngineCommand::messageName)
        .containsExactly("First");
    assertThat(ofPathway(survivor.claimDueHeads(now.plusSeconds(29), LEASE, 1000), pathway))
        .as("neither the claimed head nor the row behind it").isEmpty();

    Instant lapsed = now.plus(LEASE).plusSeconds(1);
    List<Outbox.Pending> takenOver = ofPathway(survivor.claimDueHeads(lapsed, LEASE, 1000), pathway);
    assertThat(takenOver).extracting(Outbox.Pending::id).containsExactly(claimedByKilled.getFirst().id());

    // The late answer of the instance that lost the claim does not count as the survivor's failure.
    killed.failed(takenOver.getFirst().id(), "late", false, lapsed, lapsed.plusSeconds(60));
    assertThat(jdbc.sql("select attempts from outbox where id = ?").param(takenOver.getFirst().id())
        .query(Integer.class).single()).isZero();

    survivor.delivered(takenOver.getFirst().id(), lapsed);
    assertThat(ofPathway(survivor.claimDueHeads(lapsed, LEASE, 1000), pathway))
        .extracting(Outbox.Pending::command).extracting(EngineCommand::messageName).containsExactly("Second");
  }

  @Test
  void aFailureEndsTheClaimAndTheRowWaitsForItsRetryTime() {
    UUID pathway = UUID.randomUUID();
    Instant now = Instant.now();
    Outbox first = new Outbox(jdbc, "first");
    Outbox second = new Outbox(jdbc, "second");
    first.append(pathway, EngineCommand.publish("Only", pathway, "m1", now.plusSeconds(3600), Map.of()), now);
    long id = ofPathway(first.claimDueHeads(now, LEASE, 1000), pathway).getFirst().id();

    first.failed(id, "engine unreachable", false, now, now.plusSeconds(2));

    assertThat(ofPathway(second.claimDueHeads(now.plusSeconds(1), LEASE, 1000), pathway)).isEmpty();
    assertThat(ofPathway(second.claimDueHeads(now.plusSeconds(2), LEASE, 1000), pathway))
        .extracting(Outbox.Pending::id).containsExactly(id);
  }

  @Test
  void noInstanceClaimsWhileARebuildRedeploys() {
    UUID pathway = UUID.randomUUID();
    Instant now = Instant.now();
    Outbox outbox = new Outbox(jdbc, "any");
    outbox.append(pathway, EngineCommand.publish("Held", pathway, "m1", now.plusSeconds(3600), Map.of()), now);
    UUID rebuild = UUID.randomUUID();
    jdbc.sql("""
            insert into engine_rebuild (id, requested_by, status, phase, started_at)
            values (?, 'test', 'RUNNING', 'REDEPLOYING', now())""").param(rebuild).update();
    try {
      assertThat(ofPathway(outbox.claimDueHeads(now, LEASE, 1000), pathway)).isEmpty();
      jdbc.sql("update engine_rebuild set phase = 'REPLAYING' where id = ?").param(rebuild).update();
      assertThat(ofPathway(outbox.claimDueHeads(now, LEASE, 1000), pathway)).hasSize(1);
    } finally {
      jdbc.sql("update engine_rebuild set status = 'FINISHED', phase = 'DONE' where id = ?").param(rebuild).update();
    }
  }

  private static List<Outbox.Pending> ofPathway(List<Outbox.Pending> rows, UUID pathway) {
    return rows.stream().filter(row -> row.pathwayId().equals(pathway)).toList();
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
