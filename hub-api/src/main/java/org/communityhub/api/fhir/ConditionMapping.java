package org.communityhub.api.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.communityhub.engine.checklist.Checklist;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayStatus;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;

/**
 * Each risk factor the client's checklists signalled is a Condition with its SDOH category, first seen on
 * the checklist that signalled it first (its id: that checklist's id and the risk factor,
 * {@code <checklist id>-housing}); resolved once a pathway for it completed.
 */
final class ConditionMapping {

  private ConditionMapping() {}

  /** A risk factor as first signalled: by which checklist. */
  record RiskFactor(String code, Checklist firstSignalledBy) {

    String id() {
      return firstSignalledBy.id() + "-" + FhirCodes.idFragment(code);
    }
  }

  static List<RiskFactor> riskFactors(ClientRecord record) {
    Map<String, RiskFactor> first = new LinkedHashMap<>();
    record.checklists().forEach(answered -> answered.riskFactors().forEach(
        factor -> first.putIfAbsent(factor, new RiskFactor(factor, answered.checklist()))));
    return List.copyOf(first.values());
  }

  static Optional<RiskFactor> riskFactor(ClientRecord record, String code) {
    return riskFactors(record).stream().filter(factor -> factor.code().equals(code)).findFirst();
  }

  static List<Condition> of(ClientRecord record) {
    List<Condition> conditions = new ArrayList<>();
    riskFactors(record).forEach(factor -> conditions.add(of(record, factor)));
    return conditions;
  }

  static Condition of(ClientRecord record, RiskFactor factor) {
    Checklist checklist = factor.firstSignalledBy();
    Optional<Pathway> resolvedBy = record.pathways().stream()
        .filter(pathway -> pathway.code().equals(factor.code()) && pathway.status() == PathwayStatus.COMPLETED)
        .filter(pathway -> pathway.closedAt() != null && pathway.closedAt().isAfter(checklist.submittedAt()))
        .findFirst();
    Condition condition = new Condition();
    condition.setId(factor.id());
    Instant lastUpdated = resolvedBy.map(Pathway::closedAt).orElse(checklist.submittedAt());
    condition.getMeta().setLastUpdated(Date.from(lastUpdated));
    condition.setClinicalStatus(FhirCodes.concept(FhirCodes.CONDITION_CLINICAL,
        resolvedBy.isPresent() ? "resolved" : "active", null));
    condition.setVerificationStatus(FhirCodes.concept(FhirCodes.CONDITION_VERIFICATION, "confirmed", null));
    condition.addCategory(FhirCodes.concept(FhirCodes.US_CORE_CONDITION_CATEGORY, "health-concern",
        "Health Concern"));
    condition.addCategory(FhirCodes.sdohCategoryOf(factor.code()));
    condition.setCode(FhirCodes.concept(FhirCodes.RISK_FACTOR, factor.code(), null)
        .setText(readable(factor.code())));
    condition.setSubject(References.patient(record.client().id()));
    condition.setOnset(FhirDates.dateTime(checklist.submittedAt()));
    resolvedBy.ifPresent(pathway -> condition.setAbatement(FhirDates.dateTime(pathway.closedAt())));
    condition.setRecordedDateElement(FhirDates.dateTime(checklist.submittedAt()));
    condition.addEvidence().addDetail(new Reference("QuestionnaireResponse/" + checklist.id()));
    return condition;
  }

  /** FOOD_SECURITY → "Food security". */
  static String readable(String code) {
    String words = code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
