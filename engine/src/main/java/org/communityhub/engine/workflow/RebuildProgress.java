package org.communityhub.engine.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How far a rebuild of engine state is. A pathway is done once its hand-over is queued in the outbox (its
 * process started and steps replayed by the outbox's delivery, in order) or when it closed meanwhile.
 *
 * @param scope the pathways asked for; empty: every open pathway
 * @param failedPathways up to 100 pathways whose hand-over failed, to look into before running again
 */
public record RebuildProgress(UUID id, Status status, Phase phase, String requestedBy, List<UUID> scope,
    int definitionsRedeployed, int pathwaysTotal, int pathwaysDone, int pathwaysFailed,
    List<UUID> failedPathways, String lastError, Instant startedAt, Instant finishedAt) {

  public enum Status { RUNNING, FINISHED, FAILED }

  /** In order; DONE once finished or failed. */
  public enum Phase { WAITING_FOR_ENGINE, REDEPLOYING, CANCELLING, REPLAYING, DONE }
}
