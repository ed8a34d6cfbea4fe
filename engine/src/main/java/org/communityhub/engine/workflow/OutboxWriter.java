package org.communityhub.engine.workflow;

import org.communityhub.engine.pathway.PathwayEvents.PathwayCloseRequested;
import org.communityhub.engine.pathway.PathwayEvents.PathwayOpened;
import org.communityhub.engine.pathway.PathwayEvents.StepRecorded;
import org.communityhub.engine.pathway.PathwayEvents.StepVoided;
import org.communityhub.engine.pathway.PathwayReplays;
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
  private final PathwayReplays replays;
  private final HubClock clock;

  OutboxWriter(Outbox outbox, OutboxDelivery delivery, PathwayReplays replays, HubClock clock) {
    this.outbox = outbox;
    this.delivery = delivery;
    this.replays = replays;
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

  /**
   * A voided step: the process instance that consumed it no longer matches the pathway's history. An open
   * pathway (still, or again) is handed over to a new instance, exactly as a rebuild does: its undelivered
   * rows are replaced, the old instance is cancelled, and the new one hears its start and valid steps again.
   * Workers are idempotent per step, so the replayed steps are not paid twice.
   */
  @EventListener
  void on(StepVoided voided) {
    if (!voided.continuesInEngine()) {
      return; // closed before and after: no process left to run
    }
    var replay = replays.handOver(voided.pathwayId()).orElseThrow(() -> new IllegalStateException(
        "Pathway " + voided.pathwayId() + " is open but could not be handed over"));
    var now = clock.now();
    outbox.supersedeForVoid(voided.pathwayId(), voided.stepId(), now);
    if (voided.previousInstanceKey() != null) {
      outbox.append(voided.pathwayId(), EngineCommand.cancel(voided.previousInstanceKey()), now);
    }
    ReplayCommands.append(outbox, replay, "void-" + voided.stepId() + "-", now);
    delivery.wakeUpAfterCommit();
  }
}
