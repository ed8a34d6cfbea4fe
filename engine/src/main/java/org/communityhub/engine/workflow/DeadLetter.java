package org.communityhub.engine.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row the engine kept refusing, as an administrator sees it: ids, kind, counts, the engine's last
 * answer and times, never the command's variables.
 *
 * @param refusals the attempts the engine answered with a refusal (the others found it unreachable)
 */
public record DeadLetter(long id, UUID pathwayId, String kind, int attempts, int refusals, String lastError,
    Instant createdAt, Instant firstAttemptAt, Instant lastAttemptAt, Instant deadAt) {}
