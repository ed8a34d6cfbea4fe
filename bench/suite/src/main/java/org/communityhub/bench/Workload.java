package org.communityhub.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the suite asks of the HUB, through its API as a CHW: clients, their initial checklist, pathways and
 * steps. Uses the standard pathways that open without fields or type codes and finish in three steps.
 */
final class Workload {

  /** A pathway's steps in order; the last is its outcome. Evidence: steps the definition requires it for. */
  record Definition(String code, List<String> steps, Set<String> evidenceRequired) {
    List<String> beforeOutcome() {
      return steps.subList(0, steps.size() - 1);
    }
  }

  static final List<Definition> PATHWAYS = List.of(
      new Definition("HOUSING", List.of("APPLICATION_SUBMITTED", "HOUSING_SECURED", "MOVED_IN"), Set.of("MOVED_IN")),
      new Definition("FOOD_SECURITY", List.of("FOOD_NEEDS_ASSESSED", "REFERRAL_MADE", "FOOD_RESOURCE_RECEIVED"),
          Set.of("FOOD_RESOURCE_RECEIVED")),
      new Definition("MEDICAL_HOME", List.of("PRACTICE_SELECTED", "APPOINTMENT_SCHEDULED", "FIRST_VISIT_ATTENDED"),
          Set.of("FIRST_VISIT_ATTENDED")),
      new Definition("HEALTH_COVERAGE", List.of("OPTIONS_REVIEWED", "APPLICATION_SUBMITTED", "COVERAGE_ACTIVE"),
          Set.of("COVERAGE_ACTIVE")),
      new Definition("FAMILY_PLANNING", List.of("GOALS_DISCUSSED", "APPOINTMENT_SCHEDULED", "VISIT_ATTENDED"),
          Set.of("VISIT_ATTENDED")),
      new Definition("DEVELOPMENTAL_REFERRAL", List.of("REFERRAL_MADE", "APPOINTMENT_SCHEDULED", "EVALUATION_COMPLETED"),
          Set.of("EVALUATION_COMPLETED")),
      new Definition("IMMUNIZATION_REFERRAL", List.of("RECORD_REVIEWED", "REFERRAL_MADE", "IMMUNIZATIONS_RECEIVED"),
          Set.of("IMMUNIZATIONS_RECEIVED")),
      new Definition("MEDICATION_ADHERENCE",
          List.of("BARRIERS_IDENTIFIED", "ADHERENCE_PLAN_AGREED", "ADHERENCE_CONFIRMED"), Set.of("ADHERENCE_CONFIRMED")),
      new Definition("MEDICATION_RECONCILIATION",
          List.of("MEDICINES_LISTED", "LIST_SENT_TO_CLINICIAN", "RECONCILIATION_COMPLETED"),
          Set.of("RECONCILIATION_COMPLETED")),
      new Definition("MENTAL_HEALTH", List.of("REFERRAL_MADE", "APPOINTMENT_SCHEDULED", "FIRST_APPOINTMENT_ATTENDED"),
          Set.of("FIRST_APPOINTMENT_ATTENDED")),
      new Definition("ORAL_HEALTH", List.of("DENTIST_SELECTED", "APPOINTMENT_SCHEDULED", "DENTAL_VISIT_ATTENDED"),
          Set.of("DENTAL_VISIT_ATTENDED")),
      new Definition("TRANSPORTATION", List.of("NEEDS_ASSESSED", "TRANSPORTATION_ARRANGED", "APPOINTMENT_REACHED"),
          Set.of("APPOINTMENT_REACHED")),
      new Definition("ADULT_EDUCATION", List.of("EDUCATION_GOAL_SET", "PROGRAM_ENROLLED", "ATTENDANCE_CONFIRMED"),
          Set.of("PROGRAM_ENROLLED", "ATTENDANCE_CONFIRMED")),
      new Definition("SUBSTANCE_USE", List.of("REFERRAL_MADE", "ASSESSMENT_COMPLETED", "TREATMENT_STARTED"),
          Set.of("ASSESSMENT_COMPLETED", "TREATMENT_STARTED")));

  /** The initial checklist of a client with every risk these pathways address (so each is eligible). */
  static final Map<String, String> CHECKLIST_ANSWERS = answers();

  private static Map<String, String> answers() {
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("pregnant", "no");
    answers.put("pregnancy_confirmed", "no");
    answers.put("housing_status", "UNSTABLE");
    answers.put("has_primary_care", "no");
    answers.put("food_insecure", "yes");
    answers.put("er_visits_12_months", "1");
    answers.put("has_health_coverage", "no");
    answers.put("has_high_school_diploma", "no");
    answers.put("child_development_concern", "yes");
    answers.put("unemployed_seeking_work", "no");
    answers.put("wants_family_planning", "yes");
    answers.put("immunizations_up_to_date", "no");
    answers.put("health_education_need", "no");
    answers.put("needs_medical_referral", "no");
    answers.put("takes_prescribed_medicines", "yes");
    answers.put("recent_hospital_discharge", "no");
    answers.put("misses_medicine_doses", "yes");
    answers.put("mental_health_concern", "yes");
    answers.put("substance_use_concern", "yes");
    answers.put("has_dentist", "no");
    answers.put("gave_birth_last_12_weeks", "no");
    answers.put("social_service_need", "no");
    answers.put("has_reliable_transportation", "no");
    return Collections.unmodifiableMap(answers);
  }

  record OpenPathway(UUID id, Definition definition) {}

  static final ZoneId HUB_ZONE = ZoneId.of("America/New_York");

  private final HubApi api;
  private final HubApi.Member member;

  Workload(HubApi api, HubApi.Member member) {
    this.api = api;
    this.member = member;
  }

  /** Registers a client (a new random name on a probable duplicate); the answer's status. */
  Load.Task.Result register(List<UUID> registered) {
    int failures = 0;
    String failure = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("givenName", letters(7));
      body.put("familyName", letters(9));
      body.put("birthDate", LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000)).toString());
      body.put("coverage", Map.of("payer", "STATE_MEDICAID", "memberId", "B-" + UUID.randomUUID().toString().substring(0, 12)));
      HubApi.Answer answer = api.post("/clients", member.token(), body, false);
      if (answer.status() == 201) {
        synchronized (registered) {
          registered.add(UUID.fromString(answer.json().path("id").asText()));
        }
        return new Load.Task.Result(attempt + 1, failures, failure);
      }
      failures++;
      failure = answer.status() + " " + answer.body();
      if (answer.status() != 409) {
        break;
      }
    }
    return new Load.Task.Result(failures, failures, failure);
  }

  Load.Task.Result checklist(UUID client) {
    HubApi.Answer answer = api.post("/clients/" + client + "/checklists", member.token(),
        Map.of("kind", "INITIAL", "answers", CHECKLIST_ANSWERS), false);
    return single(answer, 201);
  }

  Load.Task.Result open(UUID client, Definition definition, List<OpenPathway> opened) {
    HubApi.Answer answer = api.post("/clients/" + client + "/pathways", member.token(),
        Map.of("pathwayCode", definition.code()), false);
    if (answer.status() == 201) {
      synchronized (opened) {
        opened.add(new OpenPathway(UUID.fromString(answer.json().path("id").asText()), definition));
      }
    }
    return single(answer, 201);
  }

  /** Records one step now; the answer's status (201 recorded). */
  int step(UUID pathway, Definition definition, String stepCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    String today = LocalDate.now(HUB_ZONE).toString();
    body.put("stepCode", stepCode);
    body.put("occurredOn", today);
    if (definition.evidenceRequired().contains(stepCode)) {
      body.put("evidence", Map.of("confirmedBy", "Bench CHW", "method", "document seen", "confirmedOn", today));
    }
    return api.post("/pathways/" + pathway + "/steps", member.token(), body, true).status();
  }

  /** Records the steps in order; stops at the first refusal. */
  Load.Task.Result steps(OpenPathway pathway, List<String> stepCodes) {
    int sent = 0;
    for (String stepCode : stepCodes) {
      int status = step(pathway.id(), pathway.definition(), stepCode);
      sent++;
      if (status != 201) {
        return new Load.Task.Result(sent, 1, "step " + stepCode + " of " + pathway.id() + " answered " + status);
      }
    }
    return new Load.Task.Result(sent, 0, null);
  }

  private static Load.Task.Result single(HubApi.Answer answer, int expected) {
    return answer.status() == expected ? new Load.Task.Result(1, 0, null)
        : new Load.Task.Result(1, 1, answer.status() + " " + answer.body());
  }

  private static String letters(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder name = new StringBuilder().append((char) ('A' + random.nextInt(26)));
    for (int i = 1; i < length; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }

  /** Every pathway of every client, one task per client and pathway code. */
  List<Load.Task> openingTasks(List<UUID> clients, List<OpenPathway> opened) {
    List<Load.Task> tasks = new ArrayList<>();
    for (UUID client : clients) {
      for (Definition definition : PATHWAYS) {
        tasks.add(() -> open(client, definition, opened));
      }
    }
    Collections.shuffle(tasks);
    return tasks;
  }
}
