package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

/**
 * The whole application as a user runs it, in this JVM: embedded PostgreSQL and the local Zeebe broker
 * with their data in one directory, on free ports, so it can be stopped and started again on the same data.
 */
final class RunningHub implements AutoCloseable {

  private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(60);

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final Path dataDir;
  private final List<String> ports;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ConfigurableApplicationContext context;
  private int serverPort;

  private RunningHub(Path dataDir) {
    this.dataDir = dataDir;
    this.serverPort = freePort();
    this.ports = List.of(
        "--server.port=" + serverPort,
        "--hub.embedded-postgres.port=" + freePort(),
        "--hub.engine.local.gateway-port=" + freePort(),
        "--hub.engine.local.command-port=" + freePort(),
        "--hub.engine.local.internal-port=" + freePort(),
        "--hub.engine.local.management-port=" + freePort(),
        "--hub.engine.local.http-port=" + freePort());
  }

  static RunningHub start(Path dataDir) {
    RunningHub hub = new RunningHub(dataDir);
    hub.startApplication();
    return hub;
  }

  private void startApplication() {
    List<String> args = new ArrayList<>(ports);
    args.add("--hub.data-dir=" + dataDir);
    context = new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new));
  }

  /** Stops the application (which stops its broker and database) and starts it again on the same data. */
  void restart() {
    context.close();
    startApplication();
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  JdbcClient jdbc() {
    return context.getBean(JdbcClient.class);
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
    return send(request.build());
  }

  Response get(String path) {
    return get(path, "application/json");
  }

  Response get(String path, String accept) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + serverPort + path);
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body());
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

  @Override
  public void close() {
    if (context != null) {
      context.close();
    }
  }

  record Response(int status, String contentType, String body) {

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
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
