package org.communityhub.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky's binaries) with its cluster in {@code <data-dir>/postgres}, kept across
 * restarts. pg_ctl daemonises the postmaster, so it outlives a killed JVM: {@link #start()} first stops
 * such a leftover on the same cluster.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  static final String USER = "postgres";
  static final String DATABASE = "postgres";

  private final Path cluster;
  private final Path logFile;
  private final EmbeddedPostgresProperties properties;
  private EmbeddedPostgres postgres;

  EmbeddedPostgresServer(Path dataDir, EmbeddedPostgresProperties properties) {
    Path root = dataDir.toAbsolutePath().normalize();
    this.cluster = root.resolve("postgres");
    this.logFile = root.resolve("postgres.log");
    this.properties = properties;
  }

  synchronized void start() {
    if (postgres != null) {
      return;
    }
    try {
      Files.createDirectories(cluster);
      // zonky holds this lock while its PostgreSQL runs: held means a live application owns the cluster.
      // (Not created here: initdb wants an empty directory.)
      OwnerLock.ensureFree(cluster.resolve("epg-lock"), "The embedded PostgreSQL");
      takeOverLeftover();
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(cluster)
          .setCleanDataDirectory(false)
          .setPort(properties.port())
          .setPGStartupWait(properties.startupTimeout())
          // The context closes it; zonky's own hook would race Spring's shutdown of the pool using it.
          .setRegisterShutdownHook(false)
          // zonky starts with -F (fsync off) and synchronous_commit=off: fine for tests, not for a system of record.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("listen_addresses", "localhost")
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      log.info("Embedded PostgreSQL (pid {}) on port {}, cluster {}, log {}", postmasterPid().orElse(-1),
          properties.port(), cluster, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + cluster + clusterVersionHint()
          + "; see " + logFile, e);
    }
  }

  /** A cluster made by another major version of PostgreSQL does not start; say which one made it. */
  private String clusterVersionHint() {
    try {
      Path version = cluster.resolve("PG_VERSION");
      return Files.exists(version) ? " (a cluster made by PostgreSQL " + Files.readString(version).strip()
          + ": restore a backup into a new data directory to move it to this version)" : "";
    } catch (IOException e) {
      return "";
    }
  }

  int port() {
    return properties.port();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + properties.port() + "/" + DATABASE;
  }

  /** The postmaster's pid, from the first line of postmaster.pid. */
  OptionalLong postmasterPid() {
    return Leftovers.readPid(cluster.resolve("postmaster.pid"));
  }

  /** pg_ctl stop -m fast (zonky waits up to 5 s). */
  @Override
  public synchronized void close() {
    if (postgres == null) {
      return;
    }
    OptionalLong pid = postmasterPid();
    Optional<ProcessHandle> postmaster = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("pg_ctl stop failed", e);
    } finally {
      postgres = null;
    }
    // pg_ctl gives up after 5 s; don't leave a postmaster behind if it did.
    postmaster.filter(p -> !Leftovers.awaitExit(p, properties.shutdownTimeout()))
        .ifPresent(p -> Leftovers.stop(p, Duration.ofSeconds(5), "Embedded PostgreSQL"));
    log.info("Stopped the embedded PostgreSQL");
  }

  private void takeOverLeftover() throws IOException {
    Path pidFile = cluster.resolve("postmaster.pid");
    Optional<ProcessHandle> leftover = Leftovers.find(pidFile, this::isPostmasterOfThisCluster);
    if (leftover.isPresent()) {
      ProcessHandle postmaster = leftover.get();
      log.warn("Taking over: a PostgreSQL postmaster (pid {}) left running on {} by an earlier run; stopping it",
          postmaster.pid(), cluster);
      Leftovers.stop(postmaster, properties.shutdownTimeout(), "Leftover PostgreSQL");
      log.warn("Stopped the leftover PostgreSQL (pid {})", postmaster.pid());
    }
    // PostgreSQL refuses to start while postmaster.pid names a live process, even an unrelated one.
    if (Files.deleteIfExists(pidFile)) {
      log.info("Removed stale {}", pidFile);
    }
  }

  /** The postmaster keeps its argv: {@code .../bin/postgres -D <cluster> -p <port> ...}. */
  private boolean isPostmasterOfThisCluster(List<String> commandLine) {
    if (commandLine.isEmpty()
        || !(commandLine.getFirst().equals("postgres") || commandLine.getFirst().endsWith("/postgres"))) {
      return false;
    }
    int d = commandLine.indexOf("-D");
    return d >= 0 && d + 1 < commandLine.size() && Leftovers.sameOrInside(commandLine.get(d + 1), cluster)
        && Leftovers.sameOrInside(cluster.toString(), Path.of(commandLine.get(d + 1)));
  }
}
