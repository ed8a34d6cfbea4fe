package org.communityhub.api.pathway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.pathway.Evidence;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayStep;
import org.communityhub.engine.payment.LedgerEntry;

/** A pathway as the API shows it: lifecycle, current step and close reason kept apart, steps, payments. */
record PathwayView(UUID id, UUID clientId, UUID agencyId, String pathwayCode, int definitionVersion,
    String typeCode, String status, String currentStep, String closeRequestedReason, String closeReason,
    String outcomeVariant, Map<String, String> openingFields, LocalDate openedOn, LocalDate dueDate,
    Instant deadline, String eligibilityRuleVersion, Instant closedAt, List<StepView> steps,
    List<PaymentView> payments) {

  /** The pathway, the version of its definition it runs on (and keeps), and what it earned. */
  static PathwayView of(Pathway pathway, int definitionVersion, List<LedgerEntry> payments) {
    return new PathwayView(pathway.id(), pathway.clientId(), pathway.agencyId(), pathway.code(),
        definitionVersion, pathway.typeCode().isEmpty() ? null : pathway.typeCode(), pathway.status().name(),
        pathway.currentStep(), nameOf(pathway.closeRequestedReason()), nameOf(pathway.closeReason()),
        pathway.outcomeVariant(), pathway.openingFields(), pathway.openedOn(), pathway.dueDate(),
        pathway.deadline(), pathway.eligibilityRuleVersion(), pathway.closedAt(),
        pathway.steps().stream().map(StepView::of).toList(),
        payments.stream().map(PaymentView::of).toList());
  }

  private static String nameOf(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** A recorded step; a step voided as entered in error stays in the history with who voided it and why. */
  record StepView(UUID id, UUID pathwayId, String stepCode, LocalDate occurredOn, Instant recordedAt,
      Map<String, Object> data, Evidence evidence, String note, Instant voidedAt, String voidedBy,
      String voidReason) {

    static StepView of(PathwayStep step) {
      return new StepView(step.id(), step.pathwayId(), step.stepCode(), step.occurredOn(), step.recordedAt(),
          step.data(), step.evidence(), step.note(), step.voidedAt(), step.voidedBy(), step.voidReason());
    }
  }

  /** A ledger row: an earning, or (negative) the reversal of the earning it names, after its step was voided. */
  record PaymentView(UUID id, String entryType, String milestone, String outcomeVariant, long amountCents,
      UUID payerId, UUID agencyId, UUID stepId, LocalDate occurredOn, UUID contractId,
      String rulePackageVersion, int occurrence, UUID reverses) {

    static PaymentView of(LedgerEntry entry) {
      return new PaymentView(entry.id(), entry.entryType(), entry.milestone(), entry.outcomeVariant(),
          entry.amountCents(), entry.payerId(), entry.agencyId(), entry.stepId(), entry.occurredOn(),
          entry.contractId(), entry.rulePackageVersion(), entry.occurrence(), entry.reverses());
    }
  }
}
