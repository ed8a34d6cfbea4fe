package org.communityhub.engine.pathway;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.communityhub.pathways.CloseReason;

/**
 * What happened to a pathway, published inside the transaction that made it happen, so that the workflow
 * outbox is written atomically with the change it announces.
 */
public final class PathwayEvents {

  private PathwayEvents() {}

  public record PathwayOpened(UUID pathwayId, UUID definitionId, Instant deadline) {}

  public record StepRecorded(UUID pathwayId, UUID stepId, String messageName, Instant deadline,
      Map<String, Object> data) {}

  public record PathwayCloseRequested(UUID pathwayId, CloseReason reason, Instant deadline) {}
}
