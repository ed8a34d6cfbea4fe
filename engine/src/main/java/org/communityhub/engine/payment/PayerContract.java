package org.communityhub.engine.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A payer's contract: what each milestone and outcome variant of the pathways it covers pays for events
 * that occur from {@code effectiveFrom} to {@code effectiveTo} (inclusive; open-ended when null), and
 * whether an outcome needs a supervisor's approval before it is billable.
 */
public record PayerContract(UUID id, String payer, String name, LocalDate effectiveFrom, LocalDate effectiveTo,
    boolean requiresOutcomeApproval, List<Rate> rates, UUID createdBy, Instant createdAt) {

  /** What one milestone, in one outcome variant, of one pathway pays, in cents. */
  public record Rate(String pathwayCode, String milestone, String outcomeVariant, long amountCents) {}

  /** Whether this contract and the period from..to (open-ended when to is null) share at least one day. */
  boolean overlaps(LocalDate from, LocalDate to) {
    return (to == null || !to.isBefore(effectiveFrom)) && (effectiveTo == null || !effectiveTo.isBefore(from));
  }
}
