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

  /**
   * @param processVariables what the step's message carries to the process besides the step id: only the
   *     data fields its descriptor marks for the process (e.g. the date a timer counts from)
   */
  public record StepRecorded(UUID pathwayId, UUID stepId, String messageName, Instant deadline,
      Map<String, Object> data, Map<String, Object> processVariables) {}

  /**
   * A step entered in error was voided. The payments it earned are reversed; when the pathway is open after
   * it (it was, or the void reopened it), the engine must run it again from the valid steps.
   *
   * @param previousInstanceKey the process instance that ran the pathway while it was open, to be cancelled;
   *     null when there is none to cancel (the pathway was closed, or no instance had claimed it yet)
   */
  public record StepVoided(UUID pathwayId, UUID stepId, boolean continuesInEngine, Long previousInstanceKey) {}

  public record PathwayCloseRequested(UUID pathwayId, CloseReason reason, Instant deadline) {}
}
