package org.communityhub.engine.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A closed statement's ledger rows with the member each concerns, released to the payer of record for claims
 * matching: the payer's own member id (coverage) and the Medicaid id, nothing else about the person.
 */
public record MemberExport(UUID releaseId, String payer, String month, Instant releasedAt, String reason,
    List<Line> lines, long totalCents) {

  public record Line(UUID ledgerEntryId, String entryType, StatementLine.Kind kind, String coverageMemberId,
      String medicaidId, String pathwayCode, String milestone, String outcomeVariant, LocalDate occurredOn,
      long amountCents) {}
}
