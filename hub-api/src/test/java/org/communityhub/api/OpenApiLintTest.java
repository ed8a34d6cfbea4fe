package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description the HUB serves passes Spectral's OWASP API Security ruleset (tools/lint/.spectral.yaml,
 * run from the npm packages pinned in tools/lint, which the build installs) on a HUB configured as in
 * production: an https:// server URL and one allowed browser origin. What the ruleset asks the description
 * for is checked here to be what the server does: who may call what, CORS, the rate-limit headers.
 */
class OpenApiLintTest {

  private static final Path LINT = Path.of("..", "tools", "lint").toAbsolutePath().normalize();
  private static final Path SPECTRAL = LINT.resolve("node_modules/.bin/spectral");
  private static final Path RULESET = LINT.resolve(".spectral.yaml");
  private static final String SERVER = "https://hub.example.org";
  private static final String BROWSER_APP = "https://care.example.org";
  /** A small read budget, refilled at one a minute, so that the test can spend it. */
  private static final int READ_BURST = 20;
  /** Calls without a valid token: a budget per address, here larger than the sign-ins the tests make. */
  private static final int ANONYMOUS_BURST = 50;

  @TempDir
  static Path dataDir;
  static RunningHub hub;
  static JsonNode description;

  @BeforeAll
  static void startHubAsInProduction() {
    hub = RunningHub.start(dataDir, "--hub.api.server-url=" + SERVER, "--hub.api.environment=production",
        "--hub.api.cors-allowed-origins=" + BROWSER_APP, "--hub.limits.read-burst=" + READ_BURST,
        "--hub.limits.reads-per-minute=1", "--hub.limits.anonymous-burst=" + ANONYMOUS_BURST);
    RunningHub.Response served = hub.get("/v3/api-docs");
    assertThat(served.status()).as(served.toString()).isEqualTo(200);
    description = served.json();
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void theServedDescriptionPassesTheOwaspApiSecurityRules() throws Exception {
    // Kept in target/ for a look: the description as a HUB in production serves it.
    Lint lint = lint(write(Path.of("target").toAbsolutePath(), description));
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void theLintRulesAreLive(@TempDir Path dir) throws Exception {
    ObjectNode broken = description.deepCopy();
    ((ObjectNode) broken.path("paths").path("/clients").path("post")).remove("security");
    ((ObjectNode) broken.path("servers").get(0)).put("url", "http://hub.example.org");
    Lint lint = lint(write(dir, broken));
    assertThat(lint.exitCode()).as(lint.output()).isNotZero();
    assertThat(lint.output()).contains("owasp:api2:2023-write-restricted", "owasp:api8:2023-no-server-http");
  }

  @Test
  void namesTheConfiguredHttpsServerAndItsEnvironment() {
    JsonNode server = description.path("servers").get(0);
    assertThat(server.path("url").asText()).isEqualTo(SERVER);
    assertThat(server.path("description").asText()).startsWith("production");
    assertThat(server.path("x-internal").isBoolean()).isTrue();
  }

  @Test
  void listsTheRolesTheSecurityChainLetsThrough() {
    assertThat(security("/auth/token", "post")).as("signing in needs no token").isEmpty();
    assertThat(roles("/admin/users", "post")).containsExactly("HUB_ADMIN");
    assertThat(roles("/clients", "post")).containsExactlyInAnyOrder("CHW", "SUPERVISOR");
    assertThat(roles("/clients/{clientId}", "get")).containsExactlyInAnyOrder("CHW", "SUPERVISOR", "HUB_ADMIN");
    assertThat(roles("/reports/payments", "get")).containsExactlyInAnyOrder("FUNDER", "HUB_ADMIN");
    description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
      if (!path.getKey().equals("/auth/token")) {
        assertThat(roles(path.getKey(), operation.getKey())).as(operation.getKey() + " " + path.getKey()).isNotEmpty();
      }
    }));
  }

  @Test
  void describesTheStatusesAndHeadersTheServerSends() {
    JsonNode register = description.path("paths").path("/clients").path("post").path("responses");
    assertThat(register.has("200")).isFalse();
    assertThat(register.path("201").path("headers").has("Location")).isTrue();
    assertThat(register.path("201").path("headers").has("RateLimit-Remaining")).isTrue();
    assertThat(register.path("413").path("$ref").asText()).endsWith("/PayloadTooLarge");
    assertThat(register.path("409").path("description").asText()).contains("duplicate");
    assertThat(register.path("409").path("content").has("application/problem+json")).isTrue();
    assertThat(register.path("409").path("content").has("application/json")).as("a refusal, not a client").isFalse();
    assertThat(description.path("paths").path("/admin/clients/{clientId}/merges/{mergeId}/confirm").path("post")
        .path("responses").path("409").path("description").asText()).contains("obstacles");
    assertThat(description.path("paths").path("/pathways/{pathwayId}/close").path("post").path("responses").has("202"))
        .isTrue();
    JsonNode bpmn = description.path("paths").path("/pathway-definitions/{code}/bpmn").path("get").path("responses");
    assertThat(bpmn.path("200").path("content").has("*/*")).as("raw bytes, of the type the handler sets").isTrue();
    JsonNode tooMany = description.path("components").path("responses").path("TooManyRequests");
    assertThat(tooMany.path("headers").has("Retry-After")).isTrue();
  }

  @Test
  void answersTheAllowedBrowserOriginAndRefusesAnother() {
    RunningHub.Response allowed = hub.request("GET", "/pathway-definitions", Map.of("Origin", BROWSER_APP));
    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
    assertThat(allowed.headers()).containsEntry("access-control-allow-origin", BROWSER_APP);
    assertThat(allowed.headers().get("access-control-expose-headers")).contains("RateLimit-Remaining", "Retry-After");

    RunningHub.Response preflight = hub.request("OPTIONS", "/clients", Map.of("Origin", BROWSER_APP,
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
    assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
    assertThat(preflight.headers()).containsEntry("access-control-allow-origin", BROWSER_APP);

    RunningHub.Response other = hub.request("GET", "/pathway-definitions",
        Map.of("Origin", "https://elsewhere.example"));
    assertThat(other.status()).as(other.toString()).isEqualTo(403);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.headers()).doesNotContainKey("access-control-allow-origin");

    RunningHub.Response noBrowser = hub.get("/pathway-definitions");
    assertThat(noBrowser.status()).as("a caller that is not a browser sends no Origin").isEqualTo(200);
    assertThat(noBrowser.headers()).doesNotContainKey("access-control-allow-origin");
  }

  @Test
  void refusesReadsBeyondTheBudgetWithRetryAfter() {
    String reader = hub.createMemberAndLogin("reader-" + Personas.unique(), "CHW", RunningHub.DEFAULT_AGENCY);
    hub.as(reader, () -> {
      for (int read = 1; read <= READ_BURST; read++) {
        RunningHub.Response answer = hub.get("/pathway-definitions");
        assertThat(answer.status()).as("read " + read).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("ratelimit-limit", Integer.toString(READ_BURST));
      }
      RunningHub.Response refused = hub.get("/pathway-definitions");
      assertThat(refused.status()).as("read %d: %s", READ_BURST + 1, refused.headers()).isEqualTo(429);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.headers()).containsKey("retry-after").containsEntry("ratelimit-remaining", "0");
      assertThat(hub.post("/clients", Personas.pregnantClientWithUnstableHousing()).status())
          .as("writes have their own budget").isEqualTo(201);
      return null;
    });
  }

  @Test
  void countsCallsWithoutAValidTokenAgainstTheAddressBudget() {
    for (String token : new String[] {null, "not-a-token"}) {
      RunningHub.Response refused = hub.as(token, () -> hub.get("/pathway-definitions"));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
      assertThat(refused.headers()).as("token " + token)
          .containsEntry("ratelimit-limit", Integer.toString(ANONYMOUS_BURST)).containsKey("ratelimit-reset");
    }
  }

  private static List<String> roles(String path, String method) {
    JsonNode security = security(path, method);
    assertThat(security).as(method + " " + path).hasSize(1);
    List<String> roles = new ArrayList<>();
    security.get(0).path("bearerAuth").forEach(role -> roles.add(role.asText()));
    return roles;
  }

  private static JsonNode security(String path, String method) {
    JsonNode operation = description.path("paths").path(path).path(method);
    assertThat(operation.isObject()).as(method + " " + path + " is described").isTrue();
    return operation.path("security");
  }

  private static Path write(Path dir, JsonNode document) throws IOException {
    Path file = dir.resolve("openapi.json");
    Files.writeString(file, RunningHub.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    return file;
  }

  private record Lint(int exitCode, String output) {}

  private static Lint lint(Path document) throws IOException, InterruptedException {
    assertThat(SPECTRAL).as("spectral is installed by the build (npm ci in tools/lint)").isExecutable();
    List<String> command = List.of(SPECTRAL.toString(), "lint", document.toString(), "--ruleset", RULESET.toString(),
        "--fail-severity=error", "--display-only-failures");
    Process process = new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Lint(process.exitValue(), output);
  }
}
