package org.communityhub.engine.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of the append-only payment ledger: an earning, or the reversal of one (a negative amount naming the
 * earning it {@code reverses}). {@code occurrence} counts the earnings of a milestone on a pathway: a
 * milestone earned again after its earning was reversed (its step voided) is occurrence 2, and so on.
 */
public record LedgerEntry(UUID id, String entryType, UUID pathwayId, UUID stepId, UUID payerId,
    UUID agencyId, String pathwayCode, String milestone, String outcomeVariant, long amountCents,
    UUID contractId, String rulePackageVersion, LocalDate occurredOn, Instant recordedAt, UUID reverses,
    int occurrence) {

  /** An earning about to be recorded: the ledger numbers its occurrence. */
  public LedgerEntry(UUID id, String entryType, UUID pathwayId, UUID stepId, UUID payerId, UUID agencyId,
      String pathwayCode, String milestone, String outcomeVariant, long amountCents, UUID contractId,
      String rulePackageVersion, LocalDate occurredOn, Instant recordedAt) {
    this(id, entryType, pathwayId, stepId, payerId, agencyId, pathwayCode, milestone, outcomeVariant,
        amountCents, contractId, rulePackageVersion, occurredOn, recordedAt, null, 1);
  }
}
