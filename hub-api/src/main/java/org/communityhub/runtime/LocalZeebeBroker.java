package org.communityhub.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Zeebe broker (with its embedded gateway) run as a child process from the camunda-zeebe
 * distribution, its data under {@code <data-dir>/zeebe}. {@link #launch()} starts the process and
 * {@link #awaitReady()} returns once it answers healthy, so that whatever deploys processes or opens job
 * workers afterwards finds it ready.
 */
final class LocalZeebeBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalZeebeBroker.class);
  private static final String MAIN_CLASS = "io.camunda.zeebe.broker.StandaloneBroker";
  /** Passed through so an operator can still tune the broker; everything else of ours stays out of it. */
  private static final Set<String> INHERITED_ENVIRONMENT = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

  private final Path dataDir;
  private final LocalBrokerProperties properties;
  private final Path pidFile;
  private final Path brokerData;
  private final Path logFile;
  private final Path distributions;

  private OwnerLock ownerLock;
  private Process process;
  private long logOffset;
  private long launchedAt;
  private boolean ready;

  LocalZeebeBroker(Path dataDir, LocalBrokerProperties properties) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.properties = properties;
    this.pidFile = this.dataDir.resolve("zeebe-broker.pid");
    this.brokerData = this.dataDir.resolve("zeebe");
    this.logFile = brokerData.resolve("broker.log");
    this.distributions = this.dataDir.resolve("zeebe-dist");
  }

  /** Stops a broker left on this data directory by a killed run, unpacks, starts, and waits until healthy. */
  synchronized void start() {
    launch();
    awaitReady();
  }

  /**
   * Stops a broker left on this data directory by a killed run, unpacks and starts the broker process, and
   * returns at once: its JVM boots while the application starts its database ({@link #awaitReady()} waits).
   */
  synchronized void launch() {
    if (process != null) {
      return;
    }
    ownerLock = OwnerLock.acquire(dataDir.resolve("zeebe-broker.lock"), "The Zeebe broker");
    try {
      takeOverLeftover();
      BrokerDistribution distribution = BrokerDistribution.locate(properties);
      Path home = distribution.unpackInto(distributions);
      Files.createDirectories(brokerData);
      logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
      launchedAt = System.nanoTime();
      process = launch(home);
      Files.writeString(pidFile, process.pid() + "\n");
      ready = false;
      log.info("Started Zeebe broker {} (pid {}), gateway {}, data {}, log {}", distribution.version(),
          process.pid(), gatewayAddress(), brokerData, logFile);
    } catch (IOException e) {
      stopQuietly();
      throw new UncheckedIOException("Cannot start the Zeebe broker in " + dataDir, e);
    } catch (RuntimeException e) {
      stopQuietly();
      throw e;
    }
  }

  /** Returns once the launched broker answers healthy; stops it if it does not within the start-up timeout. */
  synchronized void awaitReady() {
    if (process == null) {
      throw new IllegalStateException("The Zeebe broker was not launched");
    }
    if (ready) {
      return;
    }
    try {
      awaitHealthy(logOffset);
      ready = true;
      log.info("Zeebe broker ready in {} ms", (System.nanoTime() - launchedAt) / 1_000_000);
    } catch (RuntimeException e) {
      stopQuietly();
      throw e;
    }
  }

  /** The gRPC gateway, e.g. {@code http://127.0.0.1:26500}. */
  URI gatewayAddress() {
    return URI.create("http://127.0.0.1:" + properties.gatewayPort());
  }

  /** The broker's own HTTP server (its REST API in 8.5+). */
  URI restAddress() {
    return URI.create("http://127.0.0.1:" + properties.httpPort());
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM, wait up to the shutdown timeout, then SIGKILL. */
  @Override
  public synchronized void close() {
    if (process != null) {
      long started = System.nanoTime();
      long pid = process.pid();
      Leftovers.stop(process.toHandle(), properties.shutdownTimeout(), "Zeebe broker");
      process = null;
      deletePidFile();
      log.info("Stopped Zeebe broker (pid {}) in {} ms", pid, (System.nanoTime() - started) / 1_000_000);
    }
    if (ownerLock != null) {
      ownerLock.close();
      ownerLock = null;
    }
  }

  /** Lets go of the broker without stopping it, as a killed application would. For tests only. */
  synchronized void abandon() {
    process = null;
    if (ownerLock != null) {
      ownerLock.close();
      ownerLock = null;
    }
  }

  private void takeOverLeftover() {
    Optional<ProcessHandle> leftover = Leftovers.find(pidFile, this::isBrokerOfThisDataDir);
    if (leftover.isPresent()) {
      ProcessHandle broker = leftover.get();
      log.warn("Taking over: a Zeebe broker (pid {}) left running on {} by an earlier run; stopping it",
          broker.pid(), dataDir);
      Leftovers.stop(broker, properties.shutdownTimeout(), "Leftover Zeebe broker");
      log.warn("Stopped the leftover Zeebe broker (pid {})", broker.pid());
    } else if (Files.exists(pidFile)) {
      log.info("Removing stale {}: no broker of this data directory runs under its pid", pidFile);
    }
    deletePidFile();
  }

  /** bin/broker execs java with -Dapp.home=<the unpacked distribution>, which lives under this data directory. */
  private boolean isBrokerOfThisDataDir(List<String> commandLine) {
    return commandLine.contains(MAIN_CLASS)
        && commandLine.stream()
            .filter(arg -> arg.startsWith("-Dapp.home="))
            .anyMatch(arg -> Leftovers.sameOrInside(arg.substring("-Dapp.home=".length()), distributions));
  }

  private Process launch(Path home) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("broker").toString())
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    // The broker is a Spring Boot application too: our SPRING_*, SERVER_*, JAVA_TOOL_OPTIONS... must not reach it.
    env.keySet().removeIf(name -> !INHERITED_ENVIRONMENT.contains(name) && !name.startsWith("ZEEBE_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", "-Xmx" + properties.heap());
    env.put("ZEEBE_BROKER_DATA_DIRECTORY", brokerData.toString());
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_PORT", Integer.toString(properties.gatewayPort()));
    env.put("ZEEBE_BROKER_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT", Integer.toString(properties.commandPort()));
    env.put("ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT", Integer.toString(properties.internalPort()));
    env.put("MANAGEMENT_SERVER_PORT", Integer.toString(properties.managementPort()));
    env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    env.put("SERVER_PORT", Integer.toString(properties.httpPort()));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    return builder.start();
  }

  /** The management health endpoint answers 200 once the partition is installed and healthy (~4-12 s for 8.5.8). */
  private void awaitHealthy(long logOffset) {
    URI health = URI.create("http://127.0.0.1:" + properties.managementPort() + "/actuator/health");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + properties.startupTimeout().toNanos();
    String lastAnswer = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The Zeebe broker exited with code " + process.exitValue()
            + " while starting. Last lines of " + logFile + ":\n" + logTail(logOffset));
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        lastAnswer = response.statusCode() + " " + response.body();
      } catch (ConnectException e) {
        lastAnswer = "connection refused";
      } catch (IOException e) {
        lastAnswer = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the Zeebe broker", e);
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException("The Zeebe broker was not healthy within " + properties.startupTimeout()
        + " (hub.engine.local.startup-timeout; last answer from " + health + ": " + lastAnswer
        + "). Last lines of " + logFile + ":\n" + logTail(logOffset));
  }

  /** What this start wrote to the log (it is appended to across runs), at most the last 40 lines. */
  private String logTail(long offset) {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long start = Math.max(offset, file.length() - 16_384);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read the log: " + e + ")";
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      log.warn("Could not stop the Zeebe broker after a failed start", e);
    }
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.warn("Cannot delete {}", pidFile, e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Zeebe broker", e);
    }
  }
}
