import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.BrokerInfo;
import io.camunda.client.api.response.PartitionInfo;
import io.camunda.client.api.response.Topology;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The scale-out run (docs/scaling.md): a Zeebe cluster of {@code --brokers} brokers (3: node ids 0-2, three
 * partitions replicated three times) from the distribution the build resolved, one external PostgreSQL (zonky's
 * binaries, run by this driver so that it outlives every process the run kills), {@code --instances} application
 * instances ({@code java -jar}, remote engine mode, each on the embedded gateway of its own broker), CHW phones
 * spread over the instances (CrashRun's load: every request repeated with its Idempotency-Key until answered,
 * moving to the other instance when one does not answer). Phases of {@code --phase-seconds}: steady load; a
 * broker that serves no instance's gateway killed with SIGKILL; the first instance killed with SIGKILL. Then the
 * phones stop, everything settles, and CrashRun's checks run in PostgreSQL: every acknowledged step stored once,
 * every pathway COMPLETED, paid once per milestone, no dead letter. Prints throughput and p99 per phase and the
 * recovery times; exit 0 PASS, 1 FAIL, 2 ERROR.
 */
public class ScaleOutRun {

  record Settings(Path jar, Path runDir, Path brokerHome, int brokers, int instances, int phonesPerInstance,
      Duration phase, Duration startupTimeout, List<String> javaOptions, String brokerHeap) {

    static Settings parse(Map<String, String> given) {
      Path runDir = Path.of(given.getOrDefault("run-dir", "target/scale-out-run")).toAbsolutePath();
      return new Settings(
          Path.of(given.get("jar")).toAbsolutePath(),
          runDir,
          Path.of(given.get("broker-home")).toAbsolutePath(),
          Integer.parseInt(given.getOrDefault("brokers", "3")),
          Integer.parseInt(given.getOrDefault("instances", "2")),
          Integer.parseInt(given.getOrDefault("phones-per-instance", "2")),
          Duration.ofSeconds(Long.parseLong(given.getOrDefault("phase-seconds", "60"))),
          Duration.parse(given.getOrDefault("startup-timeout", "PT10M")),
          List.of(given.getOrDefault("java-options", "-Xmx768m -XX:TieredStopAtLevel=1").split(" ")),
          given.getOrDefault("broker-heap", "512m"));
    }
  }

  /** A phase of the run: its name and the wall-clock interval its figures are counted in. */
  record Phase(String name, long startNanos, long endNanos, Instant start, Instant end) {}

  private final Settings settings;
  private final Load load;
  private final List<Process> brokers = new ArrayList<>();
  private final List<int[]> brokerPorts = new ArrayList<>();
  private final List<Process> instances = new ArrayList<>();
  private final List<Integer> instancePorts = new ArrayList<>();
  private final List<Phase> phases = new ArrayList<>();
  private final List<String> recoveries = new ArrayList<>();
  private final String signingKey = Base64.getEncoder().encodeToString(
      (UUID.randomUUID() + "-" + UUID.randomUUID()).getBytes());
  private EmbeddedPostgres postgres;
  private int postgresPort;

  public static void main(String[] args) throws Exception {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Arguments are --name=value, not " + arg);
      }
      given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Settings settings = Settings.parse(given);
    ScaleOutRun run = new ScaleOutRun(settings, args);
    int code;
    try {
      code = run.execute();
    } catch (Exception | AssertionError e) {
      run.load.log("ERROR " + e);
      e.printStackTrace();
      run.load.result("ERROR", e.toString().replace('\n', ' '));
      code = 2;
    } finally {
      run.stopEverything();
    }
    System.exit(code);
  }

  /** CrashRun's load and checks, on the external PostgreSQL. */
  final class Load extends CrashRun {
    Load(Options options) throws IOException {
      super(options);
    }

    @Override
    Connection database() throws SQLException {
      return ScaleOutRun.this.database();
    }
  }

  ScaleOutRun(Settings settings, String[] args) throws IOException {
    this.settings = settings;
    this.load = new Load(CrashRun.Options.parse(args));
  }

  int execute() throws Exception {
    long begun = System.nanoTime();
    startPostgres();
    long clusterStarting = System.nanoTime();
    for (int node = 0; node < settings.brokers(); node++) {
      brokerPorts.add(freePorts(5));
    }
    for (int node = 0; node < settings.brokers(); node++) {
      startBroker(node);
    }
    try (CamundaClient client = clientOf(0)) {
      awaitTopology(client, settings.brokers(), settings.startupTimeout());
    }
    load.log(String.format("cluster of %d brokers formed in %.1f s", settings.brokers(),
        CrashRun.elapsed(clusterStarting)));

    // The instances start together: start-up seeding takes turns under an advisory lock.
    long instancesStarting = System.nanoTime();
    for (int i = 0; i < settings.instances(); i++) {
      instancePorts.add(freePorts(1)[0]);
      startInstance(i);
    }
    for (int i = 0; i < settings.instances(); i++) {
      awaitReady(i);
    }
    load.log(String.format("%d instances ready in %.1f s", settings.instances(), CrashRun.elapsed(instancesStarting)));

    List<URI> bases = new ArrayList<>();
    for (int i = 0; i < settings.instances(); i++) {
      bases.add(URI.create("http://127.0.0.1:" + instancePorts.get(i)));
    }
    CrashRun.Api admin = new CrashRun.Api(bases, load);
    admin.signIn("admin", adminPassword());
    String chw = "scale-chw-" + Long.toHexString(System.nanoTime());
    String chwPassword = "pw-" + UUID.randomUUID();
    admin.call("POST", "/admin/users", CrashRun.JSON.writeValueAsString(Map.of("username", chw,
        "password", chwPassword, "role", "CHW", "agencyId", CrashRun.AGENCY)), UUID.randomUUID().toString());

    List<Thread> phones = new ArrayList<>();
    int phoneCount = settings.phonesPerInstance() * settings.instances();
    for (int p = 0; p < phoneCount; p++) {
      // Phone p starts on instance p % n and moves on to the next when that one does not answer.
      List<URI> order = new ArrayList<>();
      for (int k = 0; k < bases.size(); k++) {
        order.add(bases.get((p + k) % bases.size()));
      }
      CrashRun.Api api = new CrashRun.Api(order, load);
      api.signIn(chw, chwPassword);
      Random random = new Random(p * 7919L + System.nanoTime());
      int phone = p;
      phones.add(Thread.ofPlatform().name("phone-" + p).start(() -> load.workClients(api, phone, random)));
    }

    String steady = settings.instances() > 1 ? settings.instances() + " instances, " + settings.brokers() + " brokers"
        : "1 instance, " + settings.brokers() + (settings.brokers() == 1 ? " broker" : " brokers");
    runPhase("steady load (" + steady + ")", () -> {});
    if (settings.brokers() > 1) {
      runPhase("broker killed (SIGKILL)", this::killBroker);
    }
    if (settings.instances() > 1) {
      runPhase("instance killed (SIGKILL)", this::killFirstInstance);
    }

    load.stopNewClients.set(true);
    for (Thread phone : phones) {
      phone.join(Duration.ofMinutes(20));
      if (phone.isAlive()) {
        load.violations.add(phone.getName() + " did not finish its client within 20 minutes");
      }
    }
    long settling = System.nanoTime();
    boolean settled = load.awaitAllCompleted();
    double settleSeconds = CrashRun.elapsed(settling);
    load.check(settled);

    StringBuilder report = new StringBuilder();
    report.append(String.format("brokers=%d instances=%d phones=%d%n", settings.brokers(), settings.instances(),
        phoneCount));
    report.append(String.format("%-40s %8s %10s %12s %12s %14s%n", "phase", "steps", "steps/s", "p50 ack ms",
        "p99 ack ms", "p99 outbox ms"));
    for (Phase phase : phases) {
      report.append(phaseLine(phase)).append('\n');
    }
    recoveries.forEach(line -> report.append(line).append('\n'));
    report.append(String.format("settle %.0f s, total %.0f s", settleSeconds, CrashRun.elapsed(begun)));
    Files.writeString(settings.runDir().resolve("report.txt"), report + "\n");
    System.out.println(report);

    String summary = String.format("brokers=%d instances=%d steps_acked=%d 5xx=%d settle=%.0fs", settings.brokers(),
        settings.instances(), load.stepsAcknowledged(), load.serverErrors.get(), settleSeconds);
    if (load.violations.isEmpty()) {
      load.result("PASS", summary);
      return 0;
    }
    load.violations.forEach(violation -> load.log("VIOLATION " + violation));
    load.result("FAIL", summary + " violations=" + load.violations.size() + " first: " + load.violations.getFirst());
    return 1;
  }

  interface Action {
    void run() throws Exception;
  }

  private void runPhase(String name, Action atStart) throws Exception {
    long startNanos = System.nanoTime();
    Instant start = Instant.now();
    load.log("phase: " + name);
    atStart.run();
    CrashRun.sleepUntil(startNanos + settings.phase().toNanos());
    phases.add(new Phase(name, startNanos, System.nanoTime(), start, Instant.now()));
  }

  private String phaseLine(Phase phase) {
    List<Long> latencies = new ArrayList<>();
    for (long[] timing : load.stepTimings) {
      if (timing[0] >= phase.startNanos() && timing[0] < phase.endNanos()) {
        latencies.add(timing[1]);
      }
    }
    latencies.sort(null);
    double seconds = (phase.endNanos() - phase.startNanos()) / 1e9;
    long outboxP99 = -1;
    try (Connection db = database();
        PreparedStatement lag = db.prepareStatement("""
            select coalesce(percentile_disc(0.99) within group (order by extract(epoch from delivered_at - created_at)
                   * 1000), -1)
              from outbox where created_at >= ? and created_at < ? and delivered_at is not null""")) {
      lag.setTimestamp(1, Timestamp.from(phase.start()));
      lag.setTimestamp(2, Timestamp.from(phase.end()));
      try (ResultSet rows = lag.executeQuery()) {
        rows.next();
        outboxP99 = Math.round(rows.getDouble(1));
      }
    } catch (SQLException e) {
      load.log("outbox lag not readable: " + e.getMessage());
    }
    return String.format("%-40s %8d %10.1f %12.0f %12.0f %14d", phase.name(), latencies.size(),
        latencies.size() / seconds, percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, outboxP99);
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  // --- the kills -----------------------------------------------------------------------------------------

  /**
   * Kills the last broker: no instance uses its gateway (instances use brokers 0 and 1), and with three
   * partitions on three brokers it leads one of them at least most of the time; its partitions' leadership
   * moves. Recovery: until every partition has a leader again, per the topology.
   */
  private void killBroker() throws Exception {
    int victim = settings.brokers() - 1;
    Set<Integer> led = new TreeSet<>();
    try (CamundaClient client = clientOf(0)) {
      Topology topology = client.newTopologyRequest().send().join(10, TimeUnit.SECONDS);
      for (BrokerInfo broker : topology.getBrokers()) {
        if (broker.getNodeId() == victim) {
          broker.getPartitions().stream().filter(PartitionInfo::isLeader).forEach(p -> led.add(p.getPartitionId()));
        }
      }
      long killed = System.nanoTime();
      brokers.get(victim).destroyForcibly();
      brokers.get(victim).waitFor(30, TimeUnit.SECONDS);
      load.log("SIGKILL broker " + victim + " (leader of partitions " + led + ")");
      awaitTopology(client, settings.brokers() - 1, Duration.ofMinutes(5));
      recoveries.add(String.format("broker %d killed (leader of partitions %s): every partition led again after %.1f s",
          victim, led, CrashRun.elapsed(killed)));
    }
  }

  /**
   * Kills the first instance. Recovery: its phones get answers from the other instance (the longest pause
   * between acknowledged steps), and its claims on outbox rows lapse and another instance delivers them.
   */
  private void killFirstInstance() throws Exception {
    Process victim = instances.getFirst();
    long pid = victim.pid();
    long killed = System.nanoTime();
    victim.destroyForcibly();
    victim.waitFor(30, TimeUnit.SECONDS);
    load.log("SIGKILL instance 1 (pid " + pid + ")");
    long claimsBack = -1;
    long deadline = killed + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection db = database();
          PreparedStatement orphaned = db.prepareStatement("""
              select count(*) from outbox where delivered_at is null and claimed_by like ?""")) {
        orphaned.setString(1, "%/" + pid + "/%");
        try (ResultSet rows = orphaned.executeQuery()) {
          rows.next();
          if (rows.getLong(1) == 0) {
            claimsBack = System.nanoTime();
            break;
          }
        }
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    long longestPause = 0;
    long previous = killed;
    List<Long> answered = new ArrayList<>();
    for (long[] timing : load.stepTimings) {
      if (timing[0] >= killed) {
        answered.add(timing[0]);
      }
    }
    answered.sort(null);
    for (long at : answered) {
      longestPause = Math.max(longestPause, at - previous);
      previous = at;
    }
    recoveries.add(String.format("instance 1 killed: its rows' claims all delivered or lapsed after %s; longest pause "
        + "between acknowledged steps after the kill %.1f s (phones move to the other instance)",
        claimsBack < 0 ? "more than 3 minutes" : String.format("%.1f s", (claimsBack - killed) / 1e9),
        longestPause / 1e9));
  }

  // --- PostgreSQL ----------------------------------------------------------------------------------------

  private void startPostgres() throws IOException {
    postgresPort = freePorts(1)[0];
    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(settings.runDir().resolve("postgres"))
        .setCleanDataDirectory(true)
        .setPort(postgresPort)
        .setServerConfig("max_connections", "200")
        .start();
    load.log("external PostgreSQL on port " + postgresPort);
  }

  Connection database() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
  }

  // --- the brokers ---------------------------------------------------------------------------------------

  /** Ports per broker: gateway, command API, internal API, management, HTTP. */
  private void startBroker(int node) throws IOException {
    int[] ports = brokerPorts.get(node);
    List<String> contactPoints = new ArrayList<>();
    for (int[] other : brokerPorts) {
      contactPoints.add("127.0.0.1:" + other[2]);
    }
    Path data = settings.runDir().resolve("zeebe-" + node);
    Files.createDirectories(data);
    ProcessBuilder builder = new ProcessBuilder(settings.brokerHome().resolve("bin/broker").toString())
        .directory(data.toFile())
        .redirectErrorStream(true)
        .redirectOutput(settings.runDir().resolve("broker-" + node + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("ZEEBE_") || key.startsWith("SPRING_") || key.startsWith("CAMUNDA_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", "-Xmx" + settings.brokerHeap());
    env.put("ZEEBE_BROKER_DATA_DIRECTORY", data.resolve("data").toString());
    env.put("ZEEBE_BROKER_CLUSTER_NODEID", Integer.toString(node));
    env.put("ZEEBE_BROKER_CLUSTER_CLUSTERSIZE", Integer.toString(settings.brokers()));
    env.put("ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT", Integer.toString(settings.brokers()));
    env.put("ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR", Integer.toString(settings.brokers()));
    env.put("ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS", String.join(",", contactPoints));
    env.put("ZEEBE_BROKER_GATEWAY_ENABLE", "true");
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_PORT", Integer.toString(ports[0]));
    env.put("ZEEBE_BROKER_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT", Integer.toString(ports[1]));
    env.put("ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT", Integer.toString(ports[2]));
    env.put("MANAGEMENT_SERVER_PORT", Integer.toString(ports[3]));
    env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    env.put("SERVER_PORT", Integer.toString(ports[4]));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    Process broker = builder.start();
    brokers.add(broker);
    load.log("started broker " + node + " (pid " + broker.pid() + ", gateway " + ports[0] + ")");
  }

  private CamundaClient clientOf(int node) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + brokerPorts.get(node)[0]))
        .preferRestOverGrpc(false)
        .build();
  }

  /** Until the topology shows {@code live} brokers and every partition with a leader. */
  private void awaitTopology(CamundaClient client, int live, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        Topology topology = client.newTopologyRequest().send().join(5, TimeUnit.SECONDS);
        Set<Integer> led = new TreeSet<>();
        for (BrokerInfo broker : topology.getBrokers()) {
          broker.getPartitions().stream().filter(PartitionInfo::isLeader).forEach(p -> led.add(p.getPartitionId()));
        }
        last = topology.getBrokers().size() + " brokers, partitions led " + led;
        if (topology.getBrokers().size() == live && led.size() == topology.getPartitionsCount()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException("cluster not ready within " + timeout + ": " + last);
  }

  // --- the application instances -------------------------------------------------------------------------

  private void startInstance(int index) throws IOException {
    Path data = settings.runDir().resolve("app-" + (index + 1));
    Files.createDirectories(data);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.javaOptions());
    command.addAll(List.of("-jar", settings.jar().toString(),
        "--hub.data-dir=" + data,
        "--server.port=" + instancePorts.get(index),
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
        "--spring.datasource.username=postgres",
        "--hub.engine.mode=remote",
        "--camunda.client.grpc-address=http://127.0.0.1:" + brokerPorts.get(index % brokerPorts.size())[0],
        "--hub.auth.signing-key=" + signingKey,
        "--hub.limits.write-burst=1000000",
        "--hub.limits.read-burst=1000000"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(data.toFile())
        .redirectErrorStream(true)
        .redirectOutput(settings.runDir().resolve("app-" + (index + 1) + ".log").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("HUB_")
        || key.startsWith("CAMUNDA_"));
    Process instance = builder.start();
    instances.add(instance);
    load.log("started instance " + (index + 1) + " (pid " + instance.pid() + ", port " + instancePorts.get(index) + ")");
  }

  private void awaitReady(int index) throws InterruptedException {
    CrashRun.awaitReady(instances.get(index), URI.create("http://127.0.0.1:" + instancePorts.get(index)),
        settings.startupTimeout(), "instance " + (index + 1) + " (app-" + (index + 1) + ".log)");
  }

  private String adminPassword() throws IOException {
    for (int i = 0; i < settings.instances(); i++) {
      Path file = settings.runDir().resolve("app-" + (i + 1)).resolve("initial-admin-password");
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
    }
    throw new IllegalStateException("no instance wrote initial-admin-password");
  }

  /** SIGTERM to the instances, then the brokers; PostgreSQL last. Only processes this run started. */
  private void stopEverything() {
    for (Process process : instances) {
      stop(process);
    }
    for (Process process : brokers) {
      stop(process);
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        load.log("PostgreSQL did not stop cleanly: " + e.getMessage());
      }
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int[] freePorts(int count) {
    List<java.net.ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        java.net.ServerSocket socket = new java.net.ServerSocket(0);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      for (java.net.ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // only looked at
        }
      }
    }
  }
}
