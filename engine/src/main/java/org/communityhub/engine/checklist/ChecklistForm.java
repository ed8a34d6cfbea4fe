package org.communityhub.engine.checklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.communityhub.engine.support.FieldProblem;

/**
 * The questions of a checklist and the answers each accepts. The skeleton carries the initial checklist
 * as code; run-time authored, versioned checklist definitions replace it. The initial checklist asks about
 * every risk factor a standard pathway answers; the risk rules score them and recommend the pathways.
 */
enum ChecklistForm {

  INITIAL(List.of(
      Question.yesNo("pregnant"),
      Question.yesNo("pregnancy_confirmed"),
      Question.choice("housing_status", Set.of("STABLE", "UNSTABLE", "HOMELESS")),
      Question.yesNo("has_primary_care"),
      Question.yesNo("food_insecure"),
      Question.count("er_visits_12_months"),
      Question.yesNo("has_health_coverage"),
      Question.yesNo("has_high_school_diploma"),
      Question.yesNo("child_development_concern"),
      Question.yesNo("unemployed_seeking_work"),
      Question.yesNo("wants_family_planning"),
      Question.yesNo("immunizations_up_to_date"),
      Question.yesNo("health_education_need"),
      Question.yesNo("needs_medical_referral"),
      Question.yesNo("takes_prescribed_medicines"),
      Question.yesNo("recent_hospital_discharge"),
      Question.yesNo("misses_medicine_doses"),
      Question.yesNo("mental_health_concern"),
      Question.yesNo("substance_use_concern"),
      Question.yesNo("has_dentist"),
      Question.yesNo("gave_birth_last_12_weeks"),
      Question.yesNo("social_service_need"),
      Question.yesNo("has_reliable_transportation")));

  private final Map<String, Question> questions = new LinkedHashMap<>();

  ChecklistForm(List<Question> questions) {
    questions.forEach(question -> this.questions.put(question.code(), question));
  }

  /** The codes of this form's questions, in order. */
  List<String> questionCodes() {
    return List.copyOf(questions.keySet());
  }

  /** The answers a question accepts, or an empty set for a count (any whole number from zero). */
  Set<String> allowedAnswers(String question) {
    return questions.get(question).allowed();
  }

  /** Every answer must belong to a question of this form, every question must be answered. */
  List<FieldProblem> problemsWith(Map<String, String> answers) {
    List<FieldProblem> problems = new ArrayList<>();
    answers.keySet().stream()
        .filter(code -> !questions.containsKey(code))
        .sorted()
        .forEach(code -> problems.add(new FieldProblem("answers." + code, "not a question of this checklist")));
    questions.values().forEach(question -> {
      String answer = answers.get(question.code());
      String problem = answer == null ? "required" : question.problemWith(answer);
      if (problem != null) {
        problems.add(new FieldProblem("answers." + question.code(), problem));
      }
    });
    return problems;
  }

  record Question(String code, Set<String> allowed, boolean count) {

    static Question yesNo(String code) {
      return new Question(code, Set.of("yes", "no"), false);
    }

    static Question choice(String code, Set<String> allowed) {
      return new Question(code, allowed, false);
    }

    static Question count(String code) {
      return new Question(code, Set.of(), true);
    }

    String problemWith(String answer) {
      if (count) {
        try {
          return Integer.parseInt(answer) < 0 ? "must be zero or more" : null;
        } catch (NumberFormatException e) {
          return "must be a whole number";
        }
      }
      return allowed.contains(answer) ? null : "must be one of " + allowed.stream().sorted().toList();
    }
  }
}
