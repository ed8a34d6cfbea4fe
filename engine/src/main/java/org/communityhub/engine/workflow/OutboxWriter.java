package org.communityhub.engine.workflow;

import org.communityhub.engine.pathway.PathwayEvents.PathwayCloseRequested;
import org.communityhub.engine.pathway.PathwayEvents.PathwayOpened;
import org.communityhub.engine.pathway.PathwayEvents.StepRecorded;
import org.communityhub.engine.support.HubClock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns pathway events into engine commands in the outbox. It listens synchronously, inside the
 * transaction that raised the event: the change and its command commit or roll back together.
 * Only ids travel to the engine, and the few step values a process needs (a timer's date); client data
 * stays in PostgreSQL.
 */
@Component
class OutboxWriter {

  private final Outbox outbox;
  private final OutboxDelivery delivery;
  private final HubClock clock;

  OutboxWriter(Outbox outbox, OutboxDelivery delivery, HubClock clock) {
    this.outbox = outbox;
    this.delivery = delivery;
    this.clock = clock;
  }

  @EventListener
  void on(PathwayOpened opened) {
    outbox.append(opened.pathwayId(),
        EngineCommand.startPathway(opened.definitionId(), opened.pathwayId(), opened.deadline()), clock.now());
    delivery.wakeUpAfterCommit();
  }

  @EventListener
  void on(StepRecorded recorded) {
    outbox.append(recorded.pathwayId(), EngineCommand.step(recorded.messageName(), recorded.pathwayId(),
        recorded.stepId(), recorded.stepId().toString(), recorded.deadline(), recorded.processVariables()),
        clock.now());
    delivery.wakeUpAfterCommit();
  }

  @EventListener
  void on(PathwayCloseRequested requested) {
    outbox.append(requested.pathwayId(), EngineCommand.closeRequest(requested.pathwayId(),
        "close-" + requested.pathwayId(), requested.reason(), requested.deadline()), clock.now());
    delivery.wakeUpAfterCommit();
  }
}
