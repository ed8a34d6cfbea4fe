package org.communityhub.engine.payment;

import java.util.UUID;

/**
 * One line of a payment statement: what the ledger says an agency earned for a pathway milestone and
 * outcome variant, as a count (earnings less reversals) and an amount in cents.
 */
public record StatementLine(Kind kind, UUID agencyId, String agencyName, String pathwayCode, String milestone,
    String outcomeVariant, long count, long amountCents) {

  /**
   * CURRENT: services of the statement's month. ADJUSTMENT: corrections of an earlier period — reversals of
   * earnings already on a closed statement, and earnings for services of an earlier month (late approvals,
   * steps recorded late).
   */
  public enum Kind { CURRENT, ADJUSTMENT }
}
