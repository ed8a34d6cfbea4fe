package org.communityhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The HUB's HTTP API as a client sees it: JSON in and out, a bearer token per caller. */
final class HubApi {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  static final String DEFAULT_AGENCY = "00000000-0000-0000-0000-000000000002";

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
      }
    }

    Answer expect(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(what + " answered " + status + ": " + body);
      }
      return this;
    }
  }

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  HubApi(URI base) {
    this.base = base;
  }

  Answer get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  Answer post(String path, String token, Object body, boolean idempotencyKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey) {
      request.header("Idempotency-Key", UUID.randomUUID().toString());
    }
    return send(request.build());
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, String.valueOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String login(String username, String password) {
    return post("/auth/token", null, Map.of("username", username, "password", password), false)
        .expect(200, "Sign-in of " + username).json().path("access_token").asText();
  }

  /** As the administrator: a new member of the seeded agency. */
  Member newMember(Member admin, String role) {
    String username = "bench-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "bench-" + UUID.randomUUID();
    post("/admin/users", admin.token(), Map.of("username", username, "password", password, "role", role,
        "agencyId", DEFAULT_AGENCY), false).expect(201, "Creating " + username);
    return new Member(username, password);
  }

  /** A member's sign-in; tokens live 15 minutes, so one older than 10 is replaced before it is used. */
  final class Member {
    private final String username;
    private final String password;
    private String token;
    private long signedInAt;

    Member(String username, String password) {
      this.username = username;
      this.password = password;
    }

    synchronized String token() {
      if (token == null || System.nanoTime() - signedInAt > Duration.ofMinutes(10).toNanos()) {
        token = login(username, password);
        signedInAt = System.nanoTime();
      }
      return token;
    }
  }

  static String write(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
