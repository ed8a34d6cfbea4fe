package org.communityhub.engine.workflow;

import java.util.HashMap;
import java.util.Map;
import org.communityhub.engine.pathway.PathwayEvents.PathwayCloseRequested;
import org.communityhub.engine.pathway.PathwayEvents.PathwayOpened;
import org.communityhub.engine.pathway.PathwayEvents.StepRecorded;
import org.communityhub.engine.support.HubClock;
import org.communityhub.pathways.ProcessNames;
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
    outbox.append(opened.pathwayId(), EngineCommand.start(opened.definitionId(), Map.of(
        ProcessNames.VAR_PATHWAY_ID, opened.pathwayId().toString(),
        ProcessNames.VAR_DEADLINE, opened.deadline().toString())), clock.now());
    delivery.wakeUpAfterCommit();
  }

  @EventListener
  void on(StepRecorded recorded) {
    // Alive until the deadline: a step recorded before the process reaches it waits for it there.
    // Besides the step id, only what the descriptor sends to the process (e.g. the date a timer counts from).
    Map<String, Object> variables = new HashMap<>(recorded.processVariables());
    variables.put(ProcessNames.VAR_STEP_ID, recorded.stepId().toString());
    outbox.append(recorded.pathwayId(), EngineCommand.publish(recorded.messageName(), recorded.pathwayId(),
        recorded.stepId().toString(), recorded.deadline(), variables), clock.now());
    delivery.wakeUpAfterCommit();
  }

  @EventListener
  void on(PathwayCloseRequested requested) {
    outbox.append(requested.pathwayId(), EngineCommand.publish(ProcessNames.MESSAGE_CLOSE_REQUESTED,
        requested.pathwayId(), "close-" + requested.pathwayId(), requested.deadline(),
        Map.of(ProcessNames.VAR_CLOSE_REASON, requested.reason().name())), clock.now());
    delivery.wakeUpAfterCommit();
  }
}
