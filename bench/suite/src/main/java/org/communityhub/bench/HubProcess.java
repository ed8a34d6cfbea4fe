package org.communityhub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The application as a user runs it: {@code java -jar hub-api.jar} on the embedded default (embedded
 * PostgreSQL and a local Zeebe broker, both its children), with its own data directory and free ports.
 * Only the request budgets are raised (see {@link #BUDGETS}): a benchmark calls far faster than people do.
 */
final class HubProcess implements AutoCloseable {

  /** The per-member request budgets (hub.limits.*) would answer 429 long before saturation. */
  static final List<String> BUDGETS = List.of(
      "--hub.limits.writes-per-minute=1000000000", "--hub.limits.write-burst=1000000000",
      "--hub.limits.reads-per-minute=1000000000", "--hub.limits.read-burst=1000000000",
      "--hub.limits.anonymous-per-minute=1000000000", "--hub.limits.anonymous-burst=1000000000");

  private final Path java;
  private final Path jar;
  private final Path workDir;
  final Path dataDir;
  final int serverPort;
  final int postgresPort;
  final int gatewayPort;
  private final List<String> ports;
  private Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HubProcess(Path java, Path jar, Path workDir, Path dataDir) {
    this.java = java;
    this.jar = jar;
    this.workDir = workDir;
    this.dataDir = dataDir;
    this.serverPort = freePort();
    this.postgresPort = freePort();
    this.gatewayPort = freePort();
    this.ports = List.of(
        "--server.port=" + serverPort,
        "--hub.embedded-postgres.port=" + postgresPort,
        "--hub.engine.local.gateway-port=" + gatewayPort,
        "--hub.engine.local.command-port=" + freePort(),
        "--hub.engine.local.internal-port=" + freePort(),
        "--hub.engine.local.management-port=" + freePort(),
        "--hub.engine.local.http-port=" + freePort());
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + serverPort);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
  }

  /**
   * Starts the application and waits for its readiness probe to answer UP; the time from process start
   * to that answer. {@code jvmOptions} go before -jar (e.g. a flight recording).
   */
  Duration start(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(ports);
    command.add("--hub.data-dir=" + dataDir);
    command.addAll(BUDGETS);
    try {
      Files.createDirectories(dataDir);
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("application.log").toFile()));
      builder.environment().put("JAVA_HOME", java.getParent().getParent().toString());
      long started = System.nanoTime();
      process = builder.start();
      awaitReady(Duration.ofMinutes(5));
      return Duration.ofNanos(System.nanoTime() - started);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  private void awaitReady(Duration timeout) {
    HttpRequest readiness = HttpRequest.newBuilder(base().resolve("/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The application exited with " + process.exitValue()
            + " before it was ready: see " + dataDir.resolve("application.log"));
      }
      try {
        HttpResponse<String> answer = http.send(readiness, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(Duration.ofMillis(50));
    }
    throw new IllegalStateException("The application was not ready within " + timeout);
  }

  long pid() {
    return process.pid();
  }

  /** The broker's pid, from the file the application keeps beside its data. */
  OptionalLong brokerPid() {
    return pidFrom(dataDir.resolve("zeebe-broker.pid"));
  }

  OptionalLong postgresPid() {
    return pidFrom(dataDir.resolve("postgres").resolve("postmaster.pid"));
  }

  private static OptionalLong pidFrom(Path file) {
    try {
      String first = Files.readAllLines(file).getFirst().strip();
      return OptionalLong.of(Long.parseLong(first));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** Resident set size in bytes (Linux /proc), or -1. */
  static long rssBytes(OptionalLong pid) {
    if (pid.isEmpty()) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid.getAsLong()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** SIGTERM, as Ctrl-C would: the application stops its broker and database before it exits. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
