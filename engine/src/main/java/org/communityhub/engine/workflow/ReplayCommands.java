package org.communityhub.engine.workflow;

import java.time.Instant;
import org.communityhub.engine.pathway.PathwayReplays.Replay;

/**
 * A pathway's replay as outbox rows, in order: the start on its own definition version with its original
 * deadline, its valid steps in the order they were recorded, and a pending close request. Shared by a rebuild
 * of engine state and by a correction.
 */
final class ReplayCommands {

  private ReplayCommands() {}

  /**
   * @param messageIdPrefix makes the message ids new: an engine that kept its data remembers the old ones
   *     (a message id is correlated once per process)
   */
  static void append(Outbox outbox, Replay replay, String messageIdPrefix, Instant now) {
    var pathwayId = replay.pathwayId();
    outbox.append(pathwayId, EngineCommand.startPathway(replay.definitionId(), pathwayId, replay.deadline()), now);
    replay.steps().forEach(step -> outbox.append(pathwayId, EngineCommand.step(step.messageName(), pathwayId,
        step.stepId(), messageIdPrefix + step.stepId(), replay.deadline(), step.processVariables()), now));
    if (replay.closeRequested() != null) {
      outbox.append(pathwayId, EngineCommand.closeRequest(pathwayId, messageIdPrefix + "close-" + pathwayId,
          replay.closeRequested(), replay.deadline()), now);
    }
  }
}
