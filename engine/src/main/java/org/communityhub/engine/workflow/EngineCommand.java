package org.communityhub.engine.workflow;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.communityhub.pathways.CloseReason;
import org.communityhub.pathways.ProcessNames;

/**
 * A command for the engine as the outbox stores it: start a pathway's process on its definition version,
 * publish a message correlated by pathway id, alive until the pathway's deadline, or cancel an instance.
 */
record EngineCommand(Kind kind, UUID definitionId, String messageName, String correlationKey,
    String messageId, Instant aliveUntil, Map<String, Object> variables, Long processInstanceKey) {

  enum Kind { START_PROCESS, PUBLISH_MESSAGE, CANCEL_INSTANCE }

  static EngineCommand start(UUID definitionId, Map<String, Object> variables) {
    return new EngineCommand(Kind.START_PROCESS, definitionId, null, null, null, null, variables, null);
  }

  /** Ends a process instance that no longer matches its pathway's history (a step of it was voided). */
  static EngineCommand cancel(long processInstanceKey) {
    return new EngineCommand(Kind.CANCEL_INSTANCE, null, null, null, null, null, Map.of(), processInstanceKey);
  }

  static EngineCommand publish(String messageName, UUID pathwayId, String messageId, Instant aliveUntil,
      Map<String, Object> variables) {
    return new EngineCommand(Kind.PUBLISH_MESSAGE, null, messageName, pathwayId.toString(), messageId,
        aliveUntil, variables, null);
  }

  /** A pathway's process on its own definition version, its time limit an absolute date. */
  static EngineCommand startPathway(UUID definitionId, UUID pathwayId, Instant deadline) {
    return start(definitionId, Map.of(
        ProcessNames.VAR_PATHWAY_ID, pathwayId.toString(),
        ProcessNames.VAR_DEADLINE, deadline.toString()));
  }

  /**
   * A recorded step, alive until the deadline: a step recorded before the process reaches it waits for it
   * there. Besides the step id, only what the descriptor sends to the process (e.g. the date a timer counts from).
   */
  static EngineCommand step(String messageName, UUID pathwayId, UUID stepId, String messageId, Instant deadline,
      Map<String, Object> processVariables) {
    Map<String, Object> variables = new HashMap<>(processVariables);
    variables.put(ProcessNames.VAR_STEP_ID, stepId.toString());
    return publish(messageName, pathwayId, messageId, deadline, variables);
  }

  static EngineCommand closeRequest(UUID pathwayId, String messageId, CloseReason reason, Instant deadline) {
    return publish(ProcessNames.MESSAGE_CLOSE_REQUESTED, pathwayId, messageId, deadline,
        Map.of(ProcessNames.VAR_CLOSE_REASON, reason.name()));
  }
}
