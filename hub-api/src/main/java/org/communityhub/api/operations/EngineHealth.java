package org.communityhub.api.operations;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Up when the engine's gateway answers a topology request: brokers and partitions as it sees them. */
@Component("engineHealthIndicator") // the health component "engine"
class EngineHealth implements HealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final CamundaClient client;

  EngineHealth(CamundaClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    try {
      var topology = client.newTopologyRequest().requestTimeout(TIMEOUT).send().join();
      return Health.up()
          .withDetail("brokers", topology.getBrokers().size())
          .withDetail("partitions", topology.getPartitionsCount())
          .withDetail("gatewayVersion", topology.getGatewayVersion())
          .build();
    } catch (RuntimeException unreachable) {
      return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
    }
  }
}
