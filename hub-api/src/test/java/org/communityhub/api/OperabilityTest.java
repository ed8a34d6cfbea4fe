package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an operator watches: liveness and readiness (database and engine), components' details for HUB
 * administrators only, the HUB's meters, and a request id on every answer.
 */
@SharedRunningHub
class OperabilityTest {

  static RunningHub hub;

  @Test
  void probesAnswerAnyoneAndDetailsOnlyAnAdministrator() {
    JsonNode anyone = hub.as(null, () -> hub.get("/actuator/health")).json();
    assertThat(anyone.path("status").asText()).isEqualTo("UP");
    assertThat(anyone.has("components")).as("no details for an anonymous caller").isFalse();
    assertThat(hub.as(null, () -> hub.get("/actuator/health/readiness")).json().path("status").asText())
        .isEqualTo("UP");
    assertThat(hub.as(null, () -> hub.get("/actuator/health/liveness")).json().path("status").asText())
        .isEqualTo("UP");

    JsonNode details = hub.as(hub.adminToken(), () -> hub.get("/actuator/health")).json().path("components");
    assertThat(details.path("db").path("status").asText()).isEqualTo("UP");
    assertThat(details.path("engine").path("status").asText()).isEqualTo("UP");
    assertThat(details.path("engine").path("details").path("brokers").asInt()).isEqualTo(1);
    assertThat(details.path("outbox").path("details").has("dead")).isTrue();
  }

  @Test
  void metricsAreForAdministratorsAndCountWhatHappened() {
    assertThat(hub.get("/actuator/metrics/hub.outbox.pending").status()).as("a CHW").isEqualTo(403);
    assertThat(hub.as(null, () -> hub.get("/actuator/metrics")).status()).isEqualTo(401);

    double before = metric("hub.steps.recorded");
    double deadBefore = metric("hub.outbox.dead");
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String pathway = hub.open(client, "HOUSING", Map.of());
    hub.step(pathway, "APPLICATION_SUBMITTED", RunningHub.today(), Map.of(), null);

    assertThat(metric("hub.steps.recorded")).isEqualTo(before + 1);
    assertThat(metric("hub.outbox.dead")).as("a step delivered, no dead letter").isEqualTo(deadBefore);
    assertThat(metric("hub.payments.earned")).isGreaterThanOrEqualTo(0);
    assertThat(metric("hub.outbox.oldest.pending")).isGreaterThanOrEqualTo(0);
  }

  @Test
  void everyAnswerCarriesARequestIdAndAPlainOneIsKept() {
    String generated = hub.get("/pathway-definitions").headers().get("x-request-id");
    assertThat(generated).matches("[0-9a-f-]{36}");
    RunningHub.Response traced = hub.request("GET", "/pathway-definitions", Map.of("X-Request-Id", "phone-1234-abcd"));
    assertThat(traced.headers().get("x-request-id")).isEqualTo("phone-1234-abcd");
    RunningHub.Response refused = hub.as(null, () -> hub.request("GET", "/clients/" + java.util.UUID.randomUUID(),
        Map.of("X-Request-Id", "<script>")));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers().get("x-request-id")).as("a made-up id is replaced").matches("[0-9a-f-]{36}");
  }

  private static double metric(String name) {
    JsonNode meter = hub.as(hub.adminToken(), () -> hub.get("/actuator/metrics/" + name)).json();
    return meter.path("measurements").get(0).path("value").asDouble();
  }
}
