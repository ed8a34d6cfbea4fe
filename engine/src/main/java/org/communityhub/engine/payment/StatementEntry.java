package org.communityhub.engine.payment;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A ledger row as a statement sees it. For a reversal, the service date is its earning's and
 * {@code correctsClosedStatement} says whether that earning was already billed on a closed statement.
 */
record StatementEntry(UUID ledgerEntryId, boolean reversal, UUID agencyId, String agencyName, String pathwayCode,
    String milestone, String outcomeVariant, long amountCents, LocalDate serviceDate,
    boolean correctsClosedStatement) {

  static StatementEntry earning(UUID id, UUID agencyId, String agencyName, String pathwayCode, String milestone,
      String outcomeVariant, long amountCents, LocalDate occurredOn) {
    return new StatementEntry(id, false, agencyId, agencyName, pathwayCode, milestone, outcomeVariant, amountCents,
        occurredOn, false);
  }
}
