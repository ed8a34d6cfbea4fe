package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.List;
import java.util.Map;
import org.communityhub.HubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.communityhub.runtime.FreePorts;

/**
 * The whole application as a user runs it, in this JVM: embedded PostgreSQL and the local Zeebe broker
 * with their data in one directory, on free ports, so it can be stopped and started again on the same data.
 *
 * <p>A RunningHub is an application plus a caller session (the administrator's token and a default caller,
 * a CHW). {@link #start} starts an application of its own, which {@link #close} stops; {@link #newSession}
 * opens another session on the same application, whose close leaves it running. Most end-to-end classes
 * get a session on the one application the test JVM shares ({@link SharedRunningHub}).
 */
final class RunningHub implements AutoCloseable {

  private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(60);

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final Application application;
  /** Only the hub that started the application stops it. */
  private final boolean owner;

  private RunningHub(Application application, boolean owner) {
    this.application = application;
    this.owner = owner;
  }

  /** Starts the hub and signs in as a CHW of the seeded care coordination agency. */
  static RunningHub start(Path dataDir) {
    return start(dataDir, new String[0]);
  }

  /** The same, with settings added to the command line ({@code --name=value}). */
  static RunningHub start(Path dataDir, String... extraArgs) {
    RunningHub hub = startWithoutSignIn(dataDir, extraArgs);
    hub.signIn(hub.login("admin", readString(dataDir.resolve("initial-admin-password"))));
    return hub;
  }

  /** Starts the hub with extra arguments (e.g. another profile) and signs in as nobody. */
  static RunningHub startWithoutSignIn(Path dataDir, String... extraArgs) {
    Application application = new Application(dataDir, List.of(extraArgs));
    application.start();
    return new RunningHub(application, true);
  }

  /**
   * Another caller session on this hub's application: the same administrator, and a new CHW of the seeded
   * agency as the default caller, so that its caseload is its own. Closing it leaves the application running.
   */
  RunningHub newSession() {
    RunningHub session = new RunningHub(application, false);
    session.signIn(adminToken);
    return session;
  }

  private void signIn(String administrator) {
    adminToken = administrator;
    switchToNewChwOf(DEFAULT_AGENCY);
  }

  /** As the administrator: a new CHW of that agency, signed in, becomes this session's default caller. */
  String switchToNewChwOf(String agencyId) {
    chwToken = createMemberAndLogin("chw-" + Personas.unique(), "CHW", agencyId);
    bearer = chwToken;
    return chwToken;
  }

  /** The directory holding the application's data (database, broker, generated secrets). */
  Path dataDir() {
    return application.dataDir;
  }

  /** The care coordination agency seeded by the first migration. */
  static final String DEFAULT_AGENCY = "00000000-0000-0000-0000-000000000002";

  private String bearer;
  private String adminToken;
  private String chwToken;

  String adminToken() {
    return adminToken;
  }

  String chwToken() {
    return chwToken;
  }

  /** A fresh Idempotency-Key header, for a request that is not a retry. */
  static Map<String, String> newKey() {
    return Map.of("Idempotency-Key", UUID.randomUUID().toString());
  }

  /** The member a token was issued to: its subject. */
  static String memberIdOf(String token) {
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8);
    try {
      return JSON.readTree(payload).path("sub").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs calls with another caller's token, then returns to the default caller. */
  <T> T as(String token, java.util.function.Supplier<T> calls) {
    String previous = bearer;
    bearer = token;
    try {
      return calls.get();
    } finally {
      bearer = previous;
    }
  }

  String login(String username, String password) {
    String previous = bearer;
    bearer = null;
    try {
      Response response = post("/auth/token", Map.of("username", username, "password", password));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      return response.json().path("access_token").asText();
    } finally {
      bearer = previous;
    }
  }

  /** As the administrator: a new member of that agency, signed in. */
  String createMemberAndLogin(String username, String role, String agencyId) {
    String password = "pw-" + UUID.randomUUID();
    Response created = as(adminToken, () -> post("/admin/users",
        Map.of("username", username, "password", password, "role", role, "agencyId", agencyId)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return login(username, password);
  }

  /** As the administrator: a new agency of that kind; its id. */
  String createAgency(String name, String kind, String payerCode) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "kind", kind));
    if (payerCode != null) {
      body.put("payerCode", payerCode);
    }
    Response created = as(adminToken, () -> post("/admin/agencies", body));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static String readString(Path file) {
    try {
      return java.nio.file.Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the application (which stops its broker and database) and starts it again on the same data. Every
   * session on it carries on afterwards: same ports, same data, tokens still valid.
   */
  void restart() {
    application.restart();
  }

  /** Stops the application (which stops its broker and database), leaving its data for {@link #startAgain}. */
  void stop() {
    application.close();
  }

  /** Starts the application again on the same data and ports, with settings added to the command line. */
  void startAgain(String... moreArgs) {
    application.addArgs(List.of(moreArgs));
    application.start();
  }

  /** The port of its embedded PostgreSQL (user and database {@code postgres}), for pg_dump. */
  int postgresPort() {
    String setting = "--hub.embedded-postgres.port=";
    return application.args.stream().filter(arg -> arg.startsWith(setting))
        .mapToInt(arg -> Integer.parseInt(arg.substring(setting.length()))).findFirst().orElseThrow();
  }

  /** The gRPC port of its local broker's gateway. */
  int gatewayPort() {
    String setting = "--hub.engine.local.gateway-port=";
    return application.args.stream().filter(arg -> arg.startsWith(setting))
        .mapToInt(arg -> Integer.parseInt(arg.substring(setting.length()))).findFirst().orElseThrow();
  }

  /**
   * Another instance of the application on this one's PostgreSQL and engine, as the instances of a scaled-out
   * HUB run: an external database ({@code spring.datasource.url}) and the remote engine mode, with its own
   * ports and data directory. Signed in as this hub's administrator, which needs both started with one
   * {@code --hub.auth.signing-key} (among {@code extraArgs}). Closing it stops only that instance.
   */
  RunningHub anotherInstance(Path dataDir, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort() + "/postgres",
        "--spring.datasource.username=postgres",
        "--hub.engine.mode=remote",
        "--camunda.client.grpc-address=http://127.0.0.1:" + gatewayPort()));
    args.addAll(List.of(extraArgs));
    Application instance = new Application(dataDir, args);
    instance.start();
    RunningHub hub = new RunningHub(instance, true);
    hub.signIn(adminToken);
    return hub;
  }

  /** Kills the local broker (SIGKILL) while the application keeps running: an engine outage. */
  void killBroker() {
    org.communityhub.runtime.LocalBrokerCrash.kill(application.context);
  }

  /** Starts the local broker again after {@link #killBroker()}, on the same data. */
  void startBroker() {
    org.communityhub.runtime.LocalBrokerCrash.start(application.context);
  }

  <T> T bean(Class<T> type) {
    return application.context.getBean(type);
  }

  <T> T bean(String name, Class<T> type) {
    return application.context.getBean(name, type);
  }

  JdbcClient jdbc() {
    return application.context.getBean(JdbcClient.class);
  }

  Response post(String path, Object body) {
    return post(path, body, Map.of());
  }

  Response post(String path, Object body, Map<String, String> headers) {
    try {
      return postRaw(path, JSON.writeValueAsString(body), headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response postRaw(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  /** A multipart/form-data upload: one file part per entry, named by its key. */
  Response postMultipart(String path, Map<String, byte[]> files) {
    String boundary = "hub-" + UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    files.forEach((name, content) -> {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
          + "\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  Response get(String path) {
    return get(path, "application/json");
  }

  Response get(String path, String accept) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
  }

  /** The raw bytes of an answer (a PDF) to a GET with that Accept header, as the current caller. */
  byte[] getBytes(String path, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<byte[]> response = application.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Any method without a body, with these headers (e.g. a browser's Origin, or a CORS preflight). */
  Response request(String method, String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return send(request);
  }

  /** Any method, raw bytes as the body (none when null), exactly these headers besides the caller's token. */
  Response send(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + application.serverPort + path);
  }

  private Response send(HttpRequest.Builder request) {
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> response = application.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new java.util.TreeMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
      return new Response(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body(), headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String register(Map<String, Object> registration) {
    var response = post("/clients", registration);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().path("id").asText();
  }

  String open(String clientId, String code, Map<String, String> openingFields) {
    var response = post("/clients/" + clientId + "/pathways",
        Map.of("pathwayCode", code, "openingFields", openingFields));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().path("id").asText();
  }

  void step(String pathwayId, String code, LocalDate occurredOn, Map<String, Object> data,
      Map<String, Object> evidence) {
    var response = post("/pathways/" + pathwayId + "/steps", stepBody(code, occurredOn, data, evidence),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  static Map<String, Object> stepBody(String code, LocalDate occurredOn, Map<String, Object> data,
      Map<String, Object> evidence) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stepCode", code);
    body.put("occurredOn", occurredOn.toString());
    body.put("data", data);
    if (evidence != null) {
      body.put("evidence", evidence);
    }
    return body;
  }

  static Map<String, Object> evidence() {
    return Map.of("confirmedBy", "CHW Ana Ruiz", "method", "document seen", "confirmedOn", today().toString());
  }

  JsonNode awaitStatus(String pathwayId, String status) {
    return await().atMost(ENGINE_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> get("/pathways/" + pathwayId).json(),
            pathway -> pathway.path("status").asText().equals(status));
  }

  void awaitPayments(String pathwayId, int count) {
    await().atMost(ENGINE_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> get("/pathways/" + pathwayId).json().path("payments").size() == count);
  }

  /** Stops the application if this hub started it; a session opened on another's application stops nothing. */
  @Override
  public void close() {
    if (owner) {
      application.close();
    }
  }

  /** One running application: its data directory, ports and Spring context. */
  private static final class Application {

    private final Path dataDir;
    private final List<String> args = new ArrayList<>();
    private final int serverPort = freePort();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConfigurableApplicationContext context;

    Application(Path dataDir, List<String> extraArgs) {
      this.dataDir = dataDir;
      args.addAll(List.of(
          "--server.port=" + serverPort,
          "--hub.embedded-postgres.port=" + freePort(),
          "--hub.engine.local.gateway-port=" + freePort(),
          "--hub.engine.local.command-port=" + freePort(),
          "--hub.engine.local.internal-port=" + freePort(),
          "--hub.engine.local.management-port=" + freePort(),
          "--hub.engine.local.http-port=" + freePort(),
          // Tests call far faster than people do: budgets are unit-tested (RateLimitsTest) and their
          // headers checked over HTTP, so here they are set out of the way.
          "--hub.limits.write-burst=1000000",
          "--hub.limits.read-burst=1000000",
          "--hub.limits.anonymous-burst=1000000",
          // The working directory of tests is the module's; the Modeler's lint rules are installed at the top.
          "--hub.definitions.modeler-lint=../tools/lint",
          "--hub.data-dir=" + dataDir));
      addArgs(extraArgs);
    }

    /** An argument replaces an earlier one of the same name (a repeated name would bind as a list). */
    void addArgs(List<String> extraArgs) {
      extraArgs.stream().filter(extra -> extra.contains("="))
          .map(extra -> extra.substring(0, extra.indexOf('=') + 1))
          .forEach(name -> args.removeIf(arg -> arg.startsWith(name)));
      args.addAll(extraArgs);
    }

    void start() {
      context = new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new));
    }

    void restart() {
      context.close();
      start();
    }

    void close() {
      if (context != null) {
        context.close();
        context = null;
      }
    }
  }

  record Response(int status, String contentType, String body, Map<String, String> headers) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  /** Today in the HUB's default time zone, the zone steps are dated in. */
  static LocalDate today() {
    return LocalDate.now(ZoneId.of("America/New_York"));
  }

  static int freePort() {
    return FreePorts.next();
  }
}
