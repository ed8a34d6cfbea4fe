package org.communityhub.engine.workflow;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A command for the engine as the outbox stores it: start a pathway's process on its definition version,
 * or publish a message correlated by pathway id, alive until the pathway's deadline.
 */
record EngineCommand(Kind kind, UUID definitionId, String messageName, String correlationKey,
    String messageId, Instant aliveUntil, Map<String, Object> variables) {

  enum Kind { START_PROCESS, PUBLISH_MESSAGE }

  static EngineCommand start(UUID definitionId, Map<String, Object> variables) {
    return new EngineCommand(Kind.START_PROCESS, definitionId, null, null, null, null, variables);
  }

  static EngineCommand publish(String messageName, UUID pathwayId, String messageId, Instant aliveUntil,
      Map<String, Object> variables) {
    return new EngineCommand(Kind.PUBLISH_MESSAGE, null, messageName, pathwayId.toString(), messageId,
        aliveUntil, variables);
  }
}
