package org.communityhub.api.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.communityhub.engine.pathway.PathwayEvents;
import org.communityhub.engine.workflow.OutboxAdministration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The HUB's own meters: outbox lag and dead letters, steps recorded (by this instance), payments earned (in
 * the ledger, so the same on every instance). Served at /actuator/metrics to HUB administrators.
 */
@Component
class HubMetrics {

  private final Counter stepsRecorded;

  HubMetrics(MeterRegistry registry, OutboxAdministration outbox, JdbcClient jdbc) {
    Gauge.builder("hub.outbox.pending", () -> outbox.backlog().pending())
        .description("Outbox rows not yet delivered to the engine").register(registry);
    Gauge.builder("hub.outbox.dead", () -> outbox.backlog().dead())
        .description("Outbox rows the engine kept refusing, waiting for an administrator").register(registry);
    Gauge.builder("hub.outbox.oldest.pending", () -> {
      var age = outbox.backlog().oldestPendingAge();
      return age == null ? 0 : age.toMillis() / 1000.0;
    }).baseUnit("seconds").description("How long the oldest undelivered row has waited").register(registry);
    Gauge.builder("hub.payments.earned", () -> jdbc.sql(
            "select count(*) from payment_ledger where entry_type = 'EARNING'").query(Long.class).single())
        .description("Earnings in the payment ledger").register(registry);
    stepsRecorded = Counter.builder("hub.steps.recorded").description("Steps recorded by this instance")
        .register(registry);
  }

  @TransactionalEventListener
  void on(PathwayEvents.StepRecorded recorded) {
    stepsRecorded.increment();
  }
}
