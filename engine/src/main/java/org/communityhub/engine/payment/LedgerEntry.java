package org.communityhub.engine.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One row of the append-only payment ledger: an earning, or the reversal of one. */
public record LedgerEntry(UUID id, String entryType, UUID pathwayId, UUID stepId, UUID payerId,
    UUID agencyId, String pathwayCode, String milestone, String outcomeVariant, long amountCents,
    UUID contractId, String rulePackageVersion, LocalDate occurredOn, Instant recordedAt) {}
