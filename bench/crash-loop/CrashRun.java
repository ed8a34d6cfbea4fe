import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One crash run against the application as a user runs it (java -jar, embedded PostgreSQL and the local
 * Zeebe broker, a fresh data directory): steady load from a few CHW "phones", SIGKILL of the application (and,
 * in some runs, of the broker) at a random moment, a restart on the same data, every unanswered request
 * retried with its Idempotency-Key, every pathway driven to its outcome, then checks straight in PostgreSQL:
 * every acknowledged step is there exactly once, every pathway is COMPLETED and paid exactly once per
 * milestone, the outbox is empty and has no dead letters. Prints one result line; exit code 0 on PASS, 1 on
 * FAIL, 2 when the run could not be carried out (the application did not start, ...).
 *
 * <p>Run by crash-run.sh (which builds the jar and puts Jackson and the PostgreSQL driver on the class path);
 * every random choice comes from --seed, so a failing run can be replayed (the crash moment is wall-clock
 * time, so a replay is close, not identical).
 */
public class CrashRun {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ZoneId HUB_ZONE = ZoneId.of("America/New_York");
  static final String AGENCY = "00000000-0000-0000-0000-000000000002"; // seeded by the first migration

  /** What each pathway earns once completed as this load completes it (payment.drl, the default package). */
  static final Map<String, Set<String>> EXPECTED_MILESTONES = Map.of(
      "PREGNANCY", Set.of("SERVICE_CONFIRMED", "OUTCOME_CONFIRMED"),
      "HOUSING", Set.of("OUTCOME_CONFIRMED"),
      "MEDICAL_HOME", Set.of("OUTCOME_CONFIRMED"));

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    CrashRun run = new CrashRun(options);
    int code;
    try {
      code = run.execute();
    } catch (Exception | AssertionError e) {
      run.log("ERROR " + e);
      e.printStackTrace();
      run.result("ERROR", e.toString().replace('\n', ' '));
      code = 2;
    } finally {
      run.hub.stop();
    }
    System.exit(code);
  }

  // ---------------------------------------------------------------------------------------------------------

  record Options(Path jar, Path dataDir, Path runDir, long seed, int phones, int minKillSeconds,
      int maxKillSeconds, int brokerKillPercent, Duration startupTimeout, Duration settleTimeout,
      List<String> javaOptions) {

    static Options parse(String[] args) {
      Map<String, String> given = new HashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("Arguments are --name=value, not " + arg);
        }
        given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
      Path runDir = Path.of(given.getOrDefault("run-dir", "target/crash-run")).toAbsolutePath();
      return new Options(
          Path.of(required(given, "jar")).toAbsolutePath(),
          Path.of(given.getOrDefault("data-dir", runDir.resolve("data").toString())).toAbsolutePath(),
          runDir,
          Long.parseLong(given.getOrDefault("seed", Long.toString(new Random().nextLong() & Long.MAX_VALUE))),
          Integer.parseInt(given.getOrDefault("phones", "4")),
          Integer.parseInt(given.getOrDefault("min-kill-seconds", "5")),
          Integer.parseInt(given.getOrDefault("max-kill-seconds", "45")),
          Integer.parseInt(given.getOrDefault("broker-kill-percent", "33")),
          // A start took 312 s with the machine's load average at 35 (six builds sharing two cores).
          Duration.parse(given.getOrDefault("startup-timeout", "PT10M")),
          Duration.parse(given.getOrDefault("settle-timeout", "PT6M")),
          List.of(given.getOrDefault("java-options", "-Xmx1g -XX:TieredStopAtLevel=1").split(" ")));
    }

    private static String required(Map<String, String> given, String name) {
      String value = given.get(name);
      if (value == null) {
        throw new IllegalArgumentException("--" + name + "=... is required");
      }
      return value;
    }
  }

  private final Options options;
  private final Random random;
  private final Hub hub;
  private final BufferedWriter runLog;
  private final BufferedWriter ackLog;
  private final long started = System.nanoTime();

  /** Everything the application acknowledged (2xx), by kind; written to acknowledged.log as it happens. */
  final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
  private final Set<String> pathwaysOpened = ConcurrentHashMap.newKeySet();
  private final Map<String, String> codeOfPathway = new ConcurrentHashMap<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger retriesAfterNoAnswer = new AtomicInteger();
  final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger replayedAnswers = new AtomicInteger();
  final AtomicBoolean stopNewClients = new AtomicBoolean();
  /** Each acknowledged step: when it was answered and how long it took, retries included (nanoseconds). */
  final java.util.Queue<long[]> stepTimings = new java.util.concurrent.ConcurrentLinkedQueue<>();

  record Acknowledged(String kind, String pathwayId, String stepId, String stepCode, String key, boolean replayed) {}

  CrashRun(Options options) throws IOException {
    this.options = options;
    this.random = new Random(options.seed());
    Files.createDirectories(options.runDir());
    this.runLog = Files.newBufferedWriter(options.runDir().resolve("run.log"), StandardCharsets.UTF_8);
    this.ackLog = Files.newBufferedWriter(options.runDir().resolve("acknowledged.log"), StandardCharsets.UTF_8);
    this.hub = new Hub(options, this::log);
  }

  int execute() throws Exception {
    if (Files.exists(options.dataDir())) {
      throw new IllegalStateException("The data directory " + options.dataDir() + " exists: a run starts on a fresh one");
    }
    double killAfter = options.minKillSeconds()
        + random.nextDouble() * (options.maxKillSeconds() - options.minKillSeconds());
    boolean killBroker = random.nextInt(100) < options.brokerKillPercent();
    log("seed " + options.seed() + ": kill after " + String.format("%.1f", killAfter) + " s of load"
        + (killBroker ? ", the broker too" : ", the application only"));

    hub.start("first");
    Api api = new Api(hub.baseUri(), this);
    String adminPassword = Files.readString(options.dataDir().resolve("initial-admin-password")).strip();
    api.signIn("admin", adminPassword);
    String chw = "crash-chw-" + Long.toHexString(options.seed());
    String chwPassword = "pw-" + new UUID(random.nextLong(), random.nextLong());
    api.call("POST", "/admin/users", JSON.writeValueAsString(Map.of("username", chw, "password", chwPassword,
        "role", "CHW", "agencyId", AGENCY)), key(random));
    api.signIn(chw, chwPassword);

    // Steady load: each phone works one client after another until the crash has been recovered from.
    List<Thread> phones = new ArrayList<>();
    for (int i = 0; i < options.phones(); i++) {
      Random phoneRandom = new Random(options.seed() * 31 + i);
      int phone = i;
      phones.add(Thread.ofPlatform().name("phone-" + i).start(() -> workClients(api, phone, phoneRandom)));
    }
    long loadStarted = System.nanoTime();
    sleepUntil(loadStarted + (long) (killAfter * 1e9));

    int ackedBeforeCrash = stepsAcknowledged();
    long brokerPid = hub.brokerPid().orElse(-1);
    hub.kill(killBroker);
    String atCrash = snapshotAtCrash();
    log("SIGKILL after " + String.format("%.1f", elapsed(loadStarted)) + " s of load, " + ackedBeforeCrash
        + " steps acknowledged; broker (pid " + brokerPid + ") " + (killBroker ? "killed" : "left running")
        + "; database at the crash: " + atCrash);
    stopNewClients.set(true);

    long restarting = System.nanoTime();
    hub.start("second");
    double restartSeconds = elapsed(restarting);
    log("restarted in " + String.format("%.1f", restartSeconds) + " s");

    for (Thread phone : phones) {
      phone.join(Duration.ofMinutes(20));
      if (phone.isAlive()) {
        violations.add(phone.getName() + " did not finish its client within 20 minutes after the restart");
      }
    }
    long settling = System.nanoTime();
    boolean settled = awaitAllCompleted();
    double settleSeconds = elapsed(settling);
    check(settled);

    String summary = String.format(
        "seed=%d kill_at=%.1fs broker_killed=%s steps_acked=%d (before crash %d) pathways=%d open_at_crash=%s "
            + "retried=%d replayed=%d 5xx=%d restart=%.0fs settle=%.0fs total=%.0fs",
        options.seed(), killAfter, killBroker ? "yes" : "no", stepsAcknowledged(), ackedBeforeCrash,
        pathwaysOpened.size(), openAtCrash, retriesAfterNoAnswer.get(), replayedAnswers.get(), serverErrors.get(),
        restartSeconds, settleSeconds, elapsed(started));
    if (violations.isEmpty()) {
      result("PASS", summary);
      return 0;
    }
    violations.forEach(violation -> log("VIOLATION " + violation));
    result("FAIL", summary + " violations=" + violations.size() + " first: " + violations.getFirst());
    return 1;
  }

  // --- the load ------------------------------------------------------------------------------------------

  /** One client at a time: register, checklist, three pathways, their steps interleaved, each in its order. */
  void workClients(Api api, int phone, Random phoneRandom) {
    int client = 0;
    try {
      while (!stopNewClients.get()) {
        workClient(api, phone + "-" + client++, phoneRandom);
      }
    } catch (RuntimeException | IOException e) {
      violations.add("phone " + phone + " stopped: " + e);
      log("phone " + phone + " stopped: " + e);
    }
  }

  private void workClient(Api api, String name, Random rnd) throws IOException {
    LocalDate today = LocalDate.now(HUB_ZONE);
    Map<String, Object> registration = new LinkedHashMap<>();
    registration.put("givenName", "Crash");
    // In letters: the duplicate check compares names without digits, so "Client-0-5" and "Client-0-50" would match.
    registration.put("familyName", "Client-" + letters(Long.toHexString(options.seed())) + "-" + letters(name));
    registration.put("birthDate", LocalDate.of(1960, 1, 1).plusDays(rnd.nextInt(15_000)).toString());
    registration.put("phone", phoneNumber());
    registration.put("medicaidId", "MCD" + Long.toString(options.seed() % 1_000_000, 36) + name.replace("-", "x"));
    registration.put("coverage", Map.of("payer", "STATE_MEDICAID", "memberId", "M-" + name));
    JsonNode client = api.call("POST", "/clients", JSON.writeValueAsString(registration), key(rnd)).json();
    String clientId = client.path("id").asText();
    acknowledge(new Acknowledged("CLIENT", null, clientId, null, null, false));

    Map<String, String> answers = new LinkedHashMap<>(Map.ofEntries(
        Map.entry("pregnant", "yes"), Map.entry("pregnancy_confirmed", "yes"), Map.entry("housing_status", "UNSTABLE"),
        Map.entry("has_primary_care", "no"), Map.entry("food_insecure", "no"), Map.entry("er_visits_12_months", "1"),
        Map.entry("has_health_coverage", "yes"), Map.entry("has_high_school_diploma", "yes"),
        Map.entry("child_development_concern", "no"), Map.entry("unemployed_seeking_work", "no"),
        Map.entry("wants_family_planning", "no"), Map.entry("immunizations_up_to_date", "yes"),
        Map.entry("health_education_need", "no"), Map.entry("needs_medical_referral", "no"),
        Map.entry("takes_prescribed_medicines", "no"), Map.entry("recent_hospital_discharge", "no"),
        Map.entry("misses_medicine_doses", "no"), Map.entry("mental_health_concern", "no"),
        Map.entry("substance_use_concern", "no"), Map.entry("has_dentist", "yes"),
        Map.entry("gave_birth_last_12_weeks", "no"), Map.entry("social_service_need", "no"),
        Map.entry("has_reliable_transportation", "yes")));
    api.call("POST", "/clients/" + clientId + "/checklists",
        JSON.writeValueAsString(Map.of("kind", "INITIAL", "answers", answers)), key(rnd));

    Map<String, List<Map<String, Object>>> stepsOf = new LinkedHashMap<>();
    stepsOf.put(open(api, clientId, "PREGNANCY", Map.of("estimatedDueDate", today.plusMonths(5).toString()), rnd), List.of(
        step("PRENATAL_CARE_PROVIDER_CHOSEN", today.minusDays(3), Map.of(), false),
        step("PRENATAL_VISIT_ATTENDED", today.minusDays(1), Map.of(), true),
        step("DELIVERY", today, Map.of("birthWeightGrams", 2400 + rnd.nextInt(1500)), true)));
    stepsOf.put(open(api, clientId, "HOUSING", Map.of(), rnd), List.of(
        step("APPLICATION_SUBMITTED", today.minusDays(20), Map.of(), false),
        step("HOUSING_SECURED", today.minusDays(5), Map.of(), false),
        step("MOVED_IN", today, Map.of(), true)));
    stepsOf.put(open(api, clientId, "MEDICAL_HOME", Map.of(), rnd), List.of(
        step("PRACTICE_SELECTED", today.minusDays(2), Map.of(), false),
        step("APPOINTMENT_SCHEDULED", today.minusDays(1), Map.of(), false),
        step("FIRST_VISIT_ATTENDED", today, Map.of(), true)));

    // Interleave the three pathways' steps at random, each pathway's in its own order.
    Map<String, Integer> next = new HashMap<>();
    List<String> pending = new ArrayList<>(stepsOf.keySet());
    while (!pending.isEmpty()) {
      String pathwayId = pending.get(rnd.nextInt(pending.size()));
      int index = next.merge(pathwayId, 1, Integer::sum) - 1;
      Map<String, Object> body = stepsOf.get(pathwayId).get(index);
      if (index + 1 == stepsOf.get(pathwayId).size()) {
        pending.remove(pathwayId);
      }
      String stepKey = key(rnd);
      Answer answer = api.call("POST", "/pathways/" + pathwayId + "/steps", JSON.writeValueAsString(body), stepKey);
      String stepId = answer.json().path("id").asText();
      acknowledge(new Acknowledged("STEP", pathwayId, stepId, (String) body.get("stepCode"), stepKey, answer.replayed()));
    }
  }

  private String open(Api api, String clientId, String code, Map<String, String> fields, Random rnd) throws IOException {
    Answer answer = api.call("POST", "/clients/" + clientId + "/pathways",
        JSON.writeValueAsString(Map.of("pathwayCode", code, "openingFields", fields)), key(rnd));
    String pathwayId = answer.json().path("id").asText();
    pathwaysOpened.add(pathwayId);
    codeOfPathway.put(pathwayId, code);
    acknowledge(new Acknowledged("PATHWAY", pathwayId, null, code, null, answer.replayed()));
    return pathwayId;
  }

  private static Map<String, Object> step(String code, LocalDate occurredOn, Map<String, Object> data, boolean evidence) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stepCode", code);
    body.put("occurredOn", occurredOn.toString());
    body.put("data", data);
    if (evidence) {
      body.put("evidence", Map.of("confirmedBy", "CHW on a home visit", "method", "document seen",
          "confirmedOn", occurredOn.toString()));
    }
    return body;
  }

  /** Unique within a run (the data directory is the run's own): the registry's duplicate check matches on phone. */
  private final AtomicInteger phones = new AtomicInteger();

  private String phoneNumber() {
    int number = phones.incrementAndGet();
    return String.format("(614) %03d-%04d", number / 10_000 % 1000, number % 10_000);
  }

  /** Each digit as a letter (0 → a … 9 → j), other characters kept. */
  private static String letters(String text) {
    return text.chars().map(c -> Character.isDigit(c) ? 'a' + (c - '0') : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static String key(Random rnd) {
    return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
  }

  private synchronized void acknowledge(Acknowledged ack) {
    acknowledged.add(ack);
    try {
      ackLog.write(String.format("%.3f %s %s %s %s %s%s%n", elapsed(started), ack.kind(), ack.pathwayId(),
          ack.stepId(), ack.stepCode(), ack.key(), ack.replayed() ? " replayed" : ""));
      ackLog.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int stepsAcknowledged() {
    return (int) acknowledged.stream().filter(ack -> ack.kind().equals("STEP")).count();
  }

  // --- the crash and after -------------------------------------------------------------------------------

  private volatile String openAtCrash = "?";

  /** Right after the kill, PostgreSQL (still running) holds exactly what the application had committed. */
  private String snapshotAtCrash() {
    try (Connection db = database()) {
      Map<String, Long> byStatus = countBy(db, "select status, count(*) from pathway group by status");
      long steps = single(db, "select count(*) from pathway_step");
      long undelivered = single(db, "select count(*) from outbox where delivered_at is null");
      long paid = single(db, "select count(*) from payment_ledger");
      openAtCrash = Long.toString(byStatus.getOrDefault("ACTIVE", 0L));
      return "pathways " + byStatus + ", steps " + steps + ", outbox undelivered " + undelivered + ", ledger rows " + paid;
    } catch (SQLException e) {
      return "(not readable: " + e.getMessage() + ")";
    }
  }

  boolean awaitAllCompleted() throws InterruptedException {
    long deadline = System.nanoTime() + options.settleTimeout().toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try (Connection db = database()) {
        long open = single(db, "select count(*) from pathway where status <> 'COMPLETED'");
        long undelivered = single(db, "select count(*) from outbox where delivered_at is null");
        last = open + " pathways not completed, " + undelivered + " outbox rows undelivered";
        if (open == 0 && undelivered == 0) {
          return true;
        }
      } catch (SQLException e) {
        last = e.getMessage();
      }
      TimeUnit.SECONDS.sleep(2);
    }
    violations.add("not settled within " + options.settleTimeout() + ": " + last);
    return false;
  }

  /** The invariants, read straight from PostgreSQL. */
  void check(boolean settled) throws SQLException {
    try (Connection db = database()) {
      // Every acknowledged step is there exactly once, with the id the application answered.
      Map<String, String[]> stepsById = new HashMap<>();
      try (ResultSet rows = db.createStatement().executeQuery(
          "select id, pathway_id, step_code, idempotency_key from pathway_step")) {
        while (rows.next()) {
          stepsById.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
        }
      }
      Set<String> ackedStepIds = new TreeSet<>();
      for (Acknowledged ack : acknowledged) {
        if (!ack.kind().equals("STEP")) {
          continue;
        }
        if (!ackedStepIds.add(ack.stepId())) {
          violations.add("step " + ack.stepId() + " acknowledged twice under different keys");
        }
        String[] row = stepsById.get(ack.stepId());
        if (row == null) {
          violations.add("acknowledged step " + ack.stepId() + " (" + ack.stepCode() + " of " + ack.pathwayId() + ") is missing");
        } else if (!row[0].equals(ack.pathwayId()) || !row[1].equals(ack.stepCode()) || !row[2].equals(ack.key())) {
          violations.add("acknowledged step " + ack.stepId() + " is stored as " + String.join("/", row));
        }
      }
      Set<String> extra = new TreeSet<>(stepsById.keySet());
      extra.removeAll(ackedStepIds);
      if (!extra.isEmpty()) {
        violations.add(extra.size() + " steps stored that were never acknowledged (every request was retried "
            + "until answered, so each should have been): " + extra);
      }
      long stepRowsPerKey = single(db, "select coalesce(max(n), 0) from (select count(*) n from pathway_step group by idempotency_key) k");
      if (stepRowsPerKey > 1) {
        violations.add("an idempotency key has " + stepRowsPerKey + " steps");
      }

      // Every pathway opened exactly once, and each reached its outcome.
      Map<String, String> statusOf = new HashMap<>();
      try (ResultSet rows = db.createStatement().executeQuery("select id, status, code from pathway")) {
        while (rows.next()) {
          statusOf.put(rows.getString(1), rows.getString(2));
        }
      }
      if (!statusOf.keySet().equals(pathwaysOpened)) {
        violations.add("pathways stored " + statusOf.size() + " but acknowledged " + pathwaysOpened.size());
      }
      statusOf.forEach((id, status) -> {
        if (!status.equals("COMPLETED")) {
          violations.add("pathway " + id + " (" + codeOfPathway.get(id) + ") ended " + status);
        }
      });
      long clients = single(db, "select count(*) from client");
      long ackedClients = acknowledged.stream().filter(ack -> ack.kind().equals("CLIENT")).count();
      if (clients != ackedClients) {
        violations.add("clients stored " + clients + " but acknowledged " + ackedClients);
      }

      // Every completed pathway is paid exactly once per milestone it earned, and never reversed.
      Map<String, Map<String, Integer>> earnings = new HashMap<>();
      try (ResultSet rows = db.createStatement().executeQuery(
          "select pathway_id, milestone, entry_type, count(*) from payment_ledger group by 1, 2, 3")) {
        while (rows.next()) {
          if (!rows.getString(3).equals("EARNING")) {
            violations.add("pathway " + rows.getString(1) + " has " + rows.getInt(4) + " " + rows.getString(3) + " rows");
            continue;
          }
          earnings.computeIfAbsent(rows.getString(1), id -> new TreeMap<>()).put(rows.getString(2), rows.getInt(4));
        }
      }
      for (String pathwayId : pathwaysOpened) {
        Map<String, Integer> paid = earnings.getOrDefault(pathwayId, Map.of());
        Set<String> expected = EXPECTED_MILESTONES.get(codeOfPathway.get(pathwayId));
        if (!paid.keySet().equals(expected) || paid.values().stream().anyMatch(count -> count != 1)) {
          violations.add("pathway " + pathwayId + " (" + codeOfPathway.get(pathwayId) + ") paid " + paid
              + ", expected once each " + expected);
        }
      }

      // Nothing left behind in the outbox, nothing dead-lettered.
      long dead = single(db, "select count(*) from outbox where dead_at is not null");
      if (dead > 0) {
        violations.add(dead + " outbox rows are dead letters");
      }
      long unclaimed = single(db, "select count(*) from pathway where process_instance_key is null");
      if (settled && unclaimed > 0) {
        violations.add(unclaimed + " pathways have no process instance in charge");
      }
    }
  }

  /** The application's PostgreSQL (bench/scale-out runs it on an external one). */
  Connection database() throws SQLException {
    return hub.database();
  }

  static long single(Connection db, String sql) throws SQLException {
    try (ResultSet rows = db.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Map<String, Long> countBy(Connection db, String sql) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (ResultSet rows = db.createStatement().executeQuery(sql)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  // --- output --------------------------------------------------------------------------------------------

  synchronized void log(String line) {
    String stamped = String.format("[%7.1f] %s", elapsed(started), line);
    System.err.println(stamped);
    try {
      runLog.write(stamped);
      runLog.newLine();
      runLog.flush();
    } catch (IOException e) {
      // the console has it
    }
  }

  void result(String verdict, String summary) {
    String line = verdict + " " + summary;
    System.out.println(line);
    log(line);
    try {
      Files.writeString(options.runDir().resolve("result.txt"), line + "\n");
    } catch (IOException e) {
      // printed above
    }
  }

  static double elapsed(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  // --- HTTP ----------------------------------------------------------------------------------------------

  record Answer(int status, String body, boolean replayed) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /**
   * A phone on a bad network: every request is repeated, with the same key, until the application answers.
   * Given several instances (bench/scale-out), it sends to the first and moves to the next when a request gets
   * no answer, as a load balancer does.
   */
  static final class Api {
    /** Longer than a restart can take on a busy machine: a phone keeps trying through the whole outage. */
    private static final Duration GIVE_UP = Duration.ofMinutes(20);
    private final List<URI> bases;
    private volatile int current;
    private final CrashRun run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String token;
    private volatile String[] credentials;

    Api(URI base, CrashRun run) {
      this(List.of(base), run);
    }

    Api(List<URI> bases, CrashRun run) {
      this.bases = List.copyOf(bases);
      this.run = run;
    }

    /** The instance this phone sends to now. */
    URI base() {
      return bases.get(current);
    }

    private void nextInstance() {
      current = (current + 1) % bases.size();
    }

    void signIn(String username, String password) throws IOException {
      credentials = new String[] {username, password};
      token = null;
      Answer answer = call("POST", "/auth/token", JSON.writeValueAsString(Map.of("username", username, "password", password)), null);
      token = answer.json().path("access_token").asText();
    }

    Answer call(String method, String path, String body, String idempotencyKey) throws IOException {
      long first = System.nanoTime();
      long deadline = first + GIVE_UP.toNanos();
      boolean noAnswerYet = false;
      long backoffMillis = 200;
      while (true) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
          request.header("Idempotency-Key", idempotencyKey);
        }
        String bearer = token;
        if (bearer != null && !path.equals("/auth/token")) {
          request.header("Authorization", "Bearer " + bearer);
        }
        String trouble;
        try {
          HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          int status = response.statusCode();
          if (status / 100 == 2) {
            boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
            if (replayed) {
              run.replayedAnswers.incrementAndGet();
            }
            if (path.endsWith("/steps")) {
              long answered = System.nanoTime();
              run.stepTimings.add(new long[] {answered, answered - first});
            }
            return new Answer(status, response.body(), replayed);
          }
          if (status == 401 && bearer != null && credentials != null) {
            trouble = "401: signing in again";
            signIn(credentials[0], credentials[1]);
            continue;
          }
          if (status / 100 == 5) {
            run.serverErrors.incrementAndGet();
            trouble = status + " " + response.body();
            run.log("5xx on " + method + " " + path + ": " + trouble);
          } else if (status == 429) {
            trouble = "429";
          } else {
            throw new IllegalStateException(method + " " + path + " refused: " + status + " " + response.body());
          }
        } catch (ConnectException e) {
          trouble = "no connection";
          nextInstance();
        } catch (IOException e) {
          trouble = e.toString();
          nextInstance();
          if (!noAnswerYet) {
            run.retriesAfterNoAnswer.incrementAndGet();
            noAnswerYet = true;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(method + " " + path + " unanswered for " + GIVE_UP + ": " + trouble);
        }
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        backoffMillis = Math.min(2_000, backoffMillis * 2);
      }
    }
  }

  // --- the application -----------------------------------------------------------------------------------

  /** The application process, started with java -jar as a user starts it, on its own ports and data directory. */
  static final class Hub {
    private final Options options;
    private final java.util.function.Consumer<String> log;
    private final int[] ports = freePorts(7);
    private Process process;

    Hub(Options options, java.util.function.Consumer<String> log) {
      this.options = options;
      this.log = log;
      Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    URI baseUri() {
      return URI.create("http://127.0.0.1:" + ports[0]);
    }

    void start(String name) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(options.javaOptions());
      command.addAll(List.of("-jar", options.jar().toString(),
          "--hub.data-dir=" + options.dataDir(),
          "--server.port=" + ports[0],
          "--hub.embedded-postgres.port=" + ports[1],
          "--hub.engine.local.gateway-port=" + ports[2],
          "--hub.engine.local.command-port=" + ports[3],
          "--hub.engine.local.internal-port=" + ports[4],
          "--hub.engine.local.management-port=" + ports[5],
          "--hub.engine.local.http-port=" + ports[6],
          // A few phones of one CHW send far more than a person does: the budgets are not under test here.
          "--hub.limits.write-burst=1000000",
          "--hub.limits.read-burst=1000000"));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(options.runDir().toFile())
          .redirectErrorStream(true)
          .redirectOutput(options.runDir().resolve("app-" + name + ".log").toFile());
      builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("HUB_"));
      long starting = System.nanoTime();
      process = builder.start();
      log.accept("started the application (" + name + ", pid " + process.pid() + ")");
      awaitHealthy(name);
      log.accept("application healthy after " + String.format("%.1f", elapsed(starting)) + " s");
    }

    private void awaitHealthy(String name) throws InterruptedException {
      awaitReady(process, baseUri(), options.startupTimeout(), "the " + name + " application (app-" + name + ".log)");
    }

    OptionalLong brokerPid() {
      return pidFrom(options.dataDir().resolve("zeebe-broker.pid"));
    }

    /** SIGKILL: no shutdown hook runs; the broker and PostgreSQL are left running unless killed too. */
    void kill(boolean broker) throws InterruptedException {
      OptionalLong brokerPid = brokerPid();
      process.destroyForcibly();
      if (broker) {
        brokerPid.stream().mapToObj(ProcessHandle::of).flatMap(java.util.Optional::stream)
            .forEach(ProcessHandle::destroyForcibly);
      }
      process.waitFor(30, TimeUnit.SECONDS);
      process = null;
    }

    Connection database() throws SQLException {
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports[1] + "/postgres", "postgres", "");
    }

    /** SIGTERM, so the application stops its broker and database; whatever is left after that, SIGKILL. */
    synchronized void stop() {
      if (process != null) {
        process.destroy();
        try {
          if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        process = null;
      }
      // After a failed start or a kill, the children may still run: only the pids this data directory names.
      for (Path pidFile : List.of(options.dataDir().resolve("zeebe-broker.pid"),
          options.dataDir().resolve("postgres/postmaster.pid"))) {
        pidFrom(pidFile).stream().mapToObj(ProcessHandle::of).flatMap(java.util.Optional::stream)
            .filter(handle -> handle.info().commandLine().orElse("").contains(options.dataDir().toString()))
            .forEach(handle -> {
              handle.descendants().forEach(ProcessHandle::destroyForcibly);
              handle.destroyForcibly();
            });
      }
    }

    private static OptionalLong pidFrom(Path pidFile) {
      try {
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().strip()));
      } catch (IOException | NumberFormatException e) {
        return OptionalLong.empty();
      }
    }

    private static int[] freePorts(int count) {
      List<ServerSocket> sockets = new ArrayList<>();
      try {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
          ServerSocket socket = new ServerSocket(0);
          sockets.add(socket);
          ports[i] = socket.getLocalPort();
        }
        return ports;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        for (ServerSocket socket : sockets) {
          try {
            socket.close();
          } catch (IOException e) {
            // a port we only looked at
          }
        }
      }
    }
  }

  /**
   * Waits until an application process answers its readiness probe with 200; fails at once if the process
   * exits, and after the timeout with the probe's last answer. {@code what} names it (and its log) in errors.
   */
  static void awaitReady(Process process, URI base, Duration timeout, String what) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new IllegalStateException(what + " was not ready within " + timeout + ": " + last);
  }
}
