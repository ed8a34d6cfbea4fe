package org.communityhub.api.operations;

import org.communityhub.engine.workflow.OutboxAdministration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The outbox's backlog, as details: always up, because a backlog is the outbox doing its job (steps are
 * accepted while the engine is away) and dead letters hold back only their own pathways. Alert on the lag
 * (the metric hub.outbox.oldest.pending.seconds) and on dead letters instead.
 */
@Component("outboxHealthIndicator") // the health component "outbox"
class OutboxHealth implements HealthIndicator {

  private final OutboxAdministration outbox;

  OutboxHealth(OutboxAdministration outbox) {
    this.outbox = outbox;
  }

  @Override
  public Health health() {
    var backlog = outbox.backlog();
    return Health.up()
        .withDetail("pending", backlog.pending())
        .withDetail("retrying", backlog.retrying())
        .withDetail("dead", backlog.dead())
        .withDetail("oldestPendingSeconds", backlog.oldestPendingAge() == null ? 0
            : backlog.oldestPendingAge().toSeconds())
        .build();
  }
}
