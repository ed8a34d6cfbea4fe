package org.communityhub.api.fhir;

import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** The code systems the FHIR resources use: the SDOH Clinical Care IG's, FHIR's own, and the HUB's. */
final class FhirCodes {

  private FhirCodes() {}

  /** The SDOH Clinical Care IG's code system for SDOH categories and its other codes. */
  static final String SDOHCC = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
  static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
  static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
  static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
  static final String GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement";
  static final String TASK_CODE = "http://hl7.org/fhir/CodeSystem/task-code";

  /** The HUB's own code systems and identifiers (a HUB publishing them elsewhere maps these URLs). */
  static final String HUB = "http://communityhub.org/fhir";
  static final String PATHWAY = HUB + "/CodeSystem/pathway";
  static final String PATHWAY_STEP = HUB + "/CodeSystem/pathway-step";
  static final String RISK_FACTOR = HUB + "/CodeSystem/risk-factor";
  static final String CLOSE_REASON = HUB + "/CodeSystem/close-reason";
  static final String REFERRAL_REJECTION = HUB + "/CodeSystem/referral-rejection";
  static final String CLIENT_ID = HUB + "/NamingSystem/client-id";
  static final String MEDICAID_ID = HUB + "/NamingSystem/medicaid-id";
  static final String QUESTIONNAIRE = HUB + "/Questionnaire/";

  /** The SDOH category of a risk factor (a pathway code); the IG's "unspecified" for the medical ones. */
  private static final Map<String, String> SDOH_CATEGORY = Map.of(
      "FOOD_SECURITY", "food-insecurity",
      "HOUSING", "housing-instability",
      "TRANSPORTATION", "transportation-insecurity",
      "EMPLOYMENT", "employment-status",
      "ADULT_EDUCATION", "educational-attainment",
      "LEARNING", "educational-attainment",
      "HEALTH_COVERAGE", "health-insurance-coverage-status",
      "MENTAL_HEALTH", "stress");

  /** Sensitive data (42 CFR Part 2 in the US): shared with a partner only when the consent names it. */
  static final String SUBSTANCE_USE = "SUBSTANCE_USE";

  static String sdohCategory(String riskFactor) {
    return SDOH_CATEGORY.getOrDefault(riskFactor, "sdoh-category-unspecified");
  }

  static CodeableConcept sdohCategoryOf(String riskFactor) {
    return concept(SDOHCC, sdohCategory(riskFactor), null);
  }

  static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept().addCoding(new Coding(system, code, display));
  }

  /** A risk factor's code as a FHIR id fragment: FOOD_SECURITY → food-security. */
  static String idFragment(String code) {
    return code.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String codeOfIdFragment(String fragment) {
    return fragment.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
