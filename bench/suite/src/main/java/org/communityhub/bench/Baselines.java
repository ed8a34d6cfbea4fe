package org.communityhub.bench;

import io.camunda.client.CamundaClient;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What the machine's parts do without the application in between: the bounds of the measured figures. */
final class Baselines {

  static final String SCRATCH_TABLE = "bench_scratch_step";

  static final String JDBC_DEFINITION = "plain JDBC inserts (PostgreSQL driver, autocommit: one row per transaction) "
      + "into a scratch table " + SCRATCH_TABLE + " shaped like pathway_step (uuid primary key, uuid pathway id and "
      + "agency id, step code, date, timestamptz, a small jsonb, idempotency key and request hash; unique "
      + "(pathway_id, idempotency_key)), each row a new random key, from as many connections as the application's "
      + "Hikari pool (hikaricp.connections.max), each inserting in a closed loop, in the application's own "
      + "embedded PostgreSQL while the application runs idle";

  static final String BROKER_DEFINITION = "raw message publications to the application's local broker with the "
      + "Camunda Java client over gRPC (publishMessage: message name bench-baseline, a random correlation key that "
      + "matches no subscription, a unique message id, time to live 0, one small variable), at most "
      + "hub.outbox.max-in-flight (16) unanswered at any time, as the outbox delivers; rate of acknowledged "
      + "publications";

  static final String NOOP_PATH = "/actuator/health/liveness";

  /** Rows per second over {@code duration} with {@code connections} connections. */
  static double jdbcInserts(String jdbcUrl, int connections, Duration duration) throws SQLException {
    try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement ddl = admin.createStatement()) {
      ddl.execute("drop table if exists " + SCRATCH_TABLE);
      ddl.execute("create table " + SCRATCH_TABLE + " (id uuid primary key, pathway_id uuid not null, "
          + "agency_id uuid not null, step_code text not null, occurred_on date not null, "
          + "recorded_at timestamptz not null, data jsonb not null, idempotency_key text not null, "
          + "request_hash text not null, unique (pathway_id, idempotency_key))");
    }
    AtomicLong rows = new AtomicLong();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
      for (int i = 0; i < connections; i++) {
        pool.submit(() -> {
          try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
              PreparedStatement insert = connection.prepareStatement("insert into " + SCRATCH_TABLE
                  + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)")) {
            connection.setAutoCommit(true);
            while (System.nanoTime() < end) {
              insert.setObject(1, UUID.randomUUID());
              insert.setObject(2, UUID.randomUUID());
              insert.setObject(3, UUID.fromString(HubApi.DEFAULT_AGENCY));
              insert.setString(4, "APPLICATION_SUBMITTED");
              insert.setObject(5, LocalDate.now());
              insert.setObject(6, OffsetDateTime.now());
              insert.setString(7, "{\"note\": \"baseline\"}");
              insert.setString(8, UUID.randomUUID().toString());
              insert.setString(9, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
              insert.executeUpdate();
              rows.incrementAndGet();
            }
          }
          return null;
        });
      }
    }
    double perSecond = rows.get() / ((System.nanoTime() - started) / 1e9);
    try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement ddl = admin.createStatement()) {
      ddl.execute("drop table " + SCRATCH_TABLE);
    }
    return perSecond;
  }

  static CamundaClient brokerClient(int gatewayPort) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + gatewayPort))
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** Acknowledged publications per second over {@code duration}, {@code inFlight} at most unanswered. */
  static double brokerPublications(CamundaClient client, int inFlight, Duration duration) throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    while (System.nanoTime() < end) {
      if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      client.newPublishMessageCommand().messageName("bench-baseline")
          .correlationKey(UUID.randomUUID().toString())
          .messageId(UUID.randomUUID().toString())
          .timeToLive(Duration.ZERO)
          .variables(Map.of("stepCode", "APPLICATION_SUBMITTED"))
          .send()
          .toCompletableFuture()
          .whenComplete((answer, failure) -> {
            (failure == null ? acknowledged : refused).incrementAndGet();
            permits.release();
          });
    }
    permits.acquire(inFlight);
    long elapsed = System.nanoTime() - started;
    permits.release(inFlight);
    if (refused.get() > 0) {
      System.out.printf("  (broker baseline: %d publications failed, e.g. RESOURCE_EXHAUSTED)%n", refused.get());
    }
    return acknowledged.get() / (elapsed / 1e9);
  }
}
