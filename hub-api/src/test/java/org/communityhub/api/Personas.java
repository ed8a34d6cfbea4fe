package org.communityhub.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
    body.put("phone", "(614) 555-" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000)));
    body.put("medicaidId", "MCD" + unique());
    body.put("coverage", Map.of("payer", "STATE_MEDICAID", "memberId", "M-" + unique()));
    return body;
  }

  static Map<String, Object> initialChecklistOfPregnantClientWithUnstableHousing() {
    return Map.of("kind", "INITIAL", "answers", Map.of(
        "pregnant", "yes",
        "pregnancy_confirmed", "yes",
        "housing_status", "UNSTABLE",
        "has_primary_care", "no",
        "food_insecure", "no",
        "er_visits_12_months", "1",
        "has_health_coverage", "yes"));
  }

  static Map<String, Object> initialChecklistOfFoodInsecureClient() {
    return Map.of("kind", "INITIAL", "answers", Map.of(
        "pregnant", "no",
        "pregnancy_confirmed", "no",
        "housing_status", "STABLE",
        "has_primary_care", "yes",
        "food_insecure", "yes",
        "er_visits_12_months", "0",
        "has_health_coverage", "yes"));
  }

  static String unique() {
    return Long.toString(System.nanoTime(), 36) + ThreadLocalRandom.current().nextInt(1000);
  }
}
