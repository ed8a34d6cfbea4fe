package org.communityhub.engine.payment;

import java.time.Instant;
import java.util.List;

/**
 * What a payer owes for a month, by agency, pathway, milestone and outcome variant: the month's lines, then
 * the adjustments to earlier months. An OPEN statement is computed from the ledger when read; a CLOSED one is
 * as it was frozen. {@code entryCount} is the number of ledger rows behind the lines.
 */
public record PaymentStatement(String payer, String payerName, String month, Status status, Instant closedAt,
    List<StatementLine> lines, long currentCents, long adjustmentCents, long totalCents, long entryCount) {

  public enum Status { OPEN, CLOSED }
}
