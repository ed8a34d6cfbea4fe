package org.communityhub.engine.workflow;

import java.time.Duration;
import java.time.Instant;

/**
 * What the outbox holds undelivered. A growing {@code retrying} with no dead rows is an engine outage; dead
 * rows are commands the engine refused.
 *
 * @param pending undelivered rows in delivery, due or waiting behind an earlier row of their pathway
 * @param retrying pending rows that failed at least once
 * @param dead rows waiting for an administrator's retry
 * @param oldestPendingSince when the oldest pending row was written; null when nothing is pending
 * @param oldestPendingAge how long it has waited; null when nothing is pending
 */
public record OutboxBacklog(long pending, long retrying, long dead, Instant oldestPendingSince,
    Duration oldestPendingAge) {}
