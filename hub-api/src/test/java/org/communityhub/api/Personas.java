package org.communityhub.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Named test clients and their checklists, each with identifiers unique to the test run. */
final class Personas {

  private Personas() {}

  /** Pregnant (confirmed), unstably housed, no doctor, enough food: recommended Pregnancy, Housing, Medical Home. */
  static Map<String, Object> pregnantClientWithUnstableHousing() {
    return registration("Maria", "Lopez-" + unique(), LocalDate.of(1998, 4, 12));
  }

  /** A client who worries about food and nothing else. */
  static Map<String, Object> foodInsecureClient() {
    return registration("James", "Carter-" + unique(), LocalDate.of(1971, 9, 3));
  }

  static Map<String, Object> registration(String given, String family, LocalDate birthDate) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("givenName", given);
    body.put("familyName", family);
    body.put("birthDate", birthDate.toString());
    body.put("phone", uniquePhone());
    body.put("medicaidId", "MCD" + unique());
    body.put("coverage", Map.of("payer", "STATE_MEDICAID", "memberId", "M-" + unique()));
    return body;
  }

  static Map<String, Object> initialChecklistOfPregnantClientWithUnstableHousing() {
    return initialChecklist(Map.of(
        "pregnant", "yes",
        "pregnancy_confirmed", "yes",
        "housing_status", "UNSTABLE",
        "has_primary_care", "no",
        "er_visits_12_months", "1"));
  }

  static Map<String, Object> initialChecklistOfFoodInsecureClient() {
    return initialChecklist(Map.of("food_insecure", "yes"));
  }

  /** The initial checklist of a client with no risk factor, but for these answers. */
  static Map<String, Object> initialChecklist(Map<String, String> risks) {
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("pregnant", "no");
    answers.put("pregnancy_confirmed", "no");
    answers.put("housing_status", "STABLE");
    answers.put("has_primary_care", "yes");
    answers.put("food_insecure", "no");
    answers.put("er_visits_12_months", "0");
    answers.put("has_health_coverage", "yes");
    answers.put("has_high_school_diploma", "yes");
    answers.put("child_development_concern", "no");
    answers.put("unemployed_seeking_work", "no");
    answers.put("wants_family_planning", "no");
    answers.put("immunizations_up_to_date", "yes");
    answers.put("health_education_need", "no");
    answers.put("needs_medical_referral", "no");
    answers.put("takes_prescribed_medicines", "no");
    answers.put("recent_hospital_discharge", "no");
    answers.put("misses_medicine_doses", "no");
    answers.put("mental_health_concern", "no");
    answers.put("substance_use_concern", "no");
    answers.put("has_dentist", "yes");
    answers.put("gave_birth_last_12_weeks", "no");
    answers.put("social_service_need", "no");
    answers.put("has_reliable_transportation", "yes");
    answers.putAll(risks);
    return Map.of("kind", "INITIAL", "answers", answers);
  }

  /**
   * A phone number no other persona of this run has: the duplicate check matches on phone alone, so random
   * numbers from a small range made registrations collide now and then (birthday paradox).
   */
  static String uniquePhone() {
    int number = PHONES.getAndIncrement();
    return String.format("(614) %03d-%04d", number / 10_000 % 1000, number % 10_000);
  }

  private static final AtomicInteger PHONES = new AtomicInteger(ThreadLocalRandom.current().nextInt(5_000_000));

  static String unique() {
    return Long.toString(System.nanoTime(), 36) + ThreadLocalRandom.current().nextInt(1000);
  }
}
