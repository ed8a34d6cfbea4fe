package org.communityhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole application as a separate JVM: SIGKILL leaves its broker and PostgreSQL running, the next
 * start takes them over, and SIGTERM stops the application with its children.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ApplicationCrashTest {

  private static final Duration STARTUP = Duration.ofMinutes(4);

  @TempDir Path dataDir;

  private final List<Process> applications = new ArrayList<>();
  private final List<Long> children = new ArrayList<>();

  @Test
  void survivesSigkillAndStopsItsChildrenOnSigterm() throws Exception {
    int[] ports = TestProcesses.freePorts(7);
    Path brokerPidFile = dataDir.resolve("zeebe-broker.pid");
    Path postmasterPidFile = dataDir.resolve("postgres/postmaster.pid");
    try {
      Process crashed = launch(ports, "first");
      awaitHealthy(crashed, ports[0], "first");
      long oldBroker = pid(brokerPidFile);
      long oldPostgres = pid(postmasterPidFile);

      crashed.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(crashed.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(TestProcesses.isAlive(oldBroker)).as("broker outlives the killed application").isTrue();
      assertThat(TestProcesses.isAlive(oldPostgres)).as("postgres outlives the killed application").isTrue();

      Process restarted = launch(ports, "second");
      awaitHealthy(restarted, ports[0], "second");
      long newBroker = pid(brokerPidFile);
      long newPostgres = pid(postmasterPidFile);

      assertThat(TestProcesses.isAlive(oldBroker)).as("leftover broker taken over").isFalse();
      assertThat(TestProcesses.isAlive(oldPostgres)).as("leftover postgres taken over").isFalse();
      assertThat(newBroker).isNotEqualTo(oldBroker);
      assertThat(newPostgres).isNotEqualTo(oldPostgres);
      assertThat(log("second")).contains("Taking over: a Zeebe broker (pid " + oldBroker + ")")
          .contains("Taking over: a PostgreSQL postmaster (pid " + oldPostgres + ")");

      restarted.destroy(); // SIGTERM: Spring closes the context, the runtime stops its children
      assertThat(restarted.waitFor(90, TimeUnit.SECONDS)).as(tail("second")).isTrue();

      assertThat(TestProcesses.isAlive(newBroker)).as("broker stopped with the application").isFalse();
      assertThat(TestProcesses.isAlive(newPostgres)).as("postgres stopped with the application").isFalse();
      assertThat(brokerPidFile).doesNotExist();
    } finally {
      applications.forEach(Process::destroyForcibly);
      for (Process application : applications) {
        application.waitFor(30, TimeUnit.SECONDS);
      }
      children.forEach(TestProcesses::kill);
      TestProcesses.killFromPidFile(brokerPidFile);
      TestProcesses.killFromPidFile(postmasterPidFile);
    }
  }

  private Process launch(int[] ports, String name) throws IOException {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-XX:TieredStopAtLevel=1",
        "-cp", applicationClassPath(),
        "org.communityhub.HubApplication",
        "--hub.data-dir=" + dataDir,
        "--hub.engine.mode=local",
        "--server.port=" + ports[0],
        "--hub.embedded-postgres.port=" + ports[1],
        "--hub.engine.local.gateway-port=" + ports[2],
        "--hub.engine.local.command-port=" + ports[3],
        "--hub.engine.local.internal-port=" + ports[4],
        "--hub.engine.local.management-port=" + ports[5],
        "--hub.engine.local.http-port=" + ports[6]);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dataDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("app-" + name + ".log").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("HUB_"));
    Process application = builder.start();
    applications.add(application);
    return application;
  }

  private void awaitHealthy(Process application, int port, String name) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      assertThat(application.isAlive()).as("the %s application exited early:%n%s", name, tail(name)).isTrue();
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          rememberChildren();
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    rememberChildren();
    throw new AssertionError("The " + name + " application was not healthy within " + STARTUP + " (last: " + last
        + "):\n" + tail(name));
  }

  private void rememberChildren() {
    Leftovers.readPid(dataDir.resolve("zeebe-broker.pid")).ifPresent(children::add);
    Leftovers.readPid(dataDir.resolve("postgres/postmaster.pid")).ifPresent(children::add);
  }

  private static long pid(Path pidFile) {
    return Leftovers.readPid(pidFile).orElseThrow(() -> new AssertionError("no pid in " + pidFile));
  }

  private String log(String name) throws IOException {
    return Files.readString(dataDir.resolve("app-" + name + ".log"), StandardCharsets.UTF_8);
  }

  private String tail(String name) {
    try {
      List<String> lines = log(name).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * The test JVM's class path without test classes. Surefire may hand over a manifest-only jar, whose
   * Class-Path attribute then holds the real entries.
   */
  private static String applicationClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.addAll(expandManifestOnlyJar(entry));
    }
    return String.join(File.pathSeparator,
        entries.stream().filter(entry -> !Path.of(entry).endsWith("test-classes")).toList());
  }

  private static List<String> expandManifestOnlyJar(String entry) {
    if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
      return List.of(entry);
    }
    try (JarFile jar = new JarFile(entry)) {
      Manifest manifest = jar.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null || !jar.stream().allMatch(e -> e.getName().startsWith("META-INF"))) {
        return List.of(entry);
      }
      List<String> expanded = new ArrayList<>();
      URI base = Path.of(entry).toUri();
      for (String relative : classPath.trim().split("\\s+")) {
        expanded.add(Path.of(base.resolve(relative)).toString());
      }
      return expanded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
