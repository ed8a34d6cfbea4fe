package org.communityhub.engine.checklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.communityhub.engine.support.FieldProblem;

/**
 * The questions of a checklist and the answers each accepts. The skeleton carries the initial checklist
 * as code; run-time authored, versioned checklist definitions replace it.
 */
enum ChecklistForm {

  INITIAL(List.of(
      Question.yesNo("pregnant"),
      Question.yesNo("pregnancy_confirmed"),
      Question.choice("housing_status", Set.of("STABLE", "UNSTABLE", "HOMELESS")),
      Question.yesNo("has_primary_care"),
      Question.yesNo("food_insecure"),
      Question.count("er_visits_12_months"),
      Question.yesNo("has_health_coverage")));

  private final Map<String, Question> questions = new LinkedHashMap<>();

  ChecklistForm(List<Question> questions) {
    questions.forEach(question -> this.questions.put(question.code(), question));
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
