package org.communityhub.engine.checklist;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.communityhub.engine.support.FieldProblem;
import org.communityhub.pathways.PathwayDescriptor;

/**
 * A checklist as a HUB administrator publishes it: its questions, the answers each accepts, and the risk
 * factor (the pathway that answers it) each answer signals. The risk rules score the answers by question
 * code, so checklists that share a question share its meaning.
 */
public record ChecklistDefinition(
    @NotBlank @Size(max = 32) @Pattern(regexp = KIND) String kind,
    @NotBlank @Size(max = 200) String name,
    @Size(max = 1000) String purpose,
    @NotEmpty @Size(max = 100) List<@Valid @NotNull Question> questions) {

  static final String KIND = "[A-Z][A-Z0-9_]{0,31}";

  public enum AnswerType { YES_NO, CHOICE, COUNT, DATE }

  public record Question(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_]{0,63}") String code,
      @NotBlank @Size(max = 500) String text,
      @NotNull AnswerType answerType,
      @Size(max = 50) List<@NotBlank @Size(max = 64) String> choices,
      @Size(max = 20) List<@Valid @NotNull Signal> signals) {

    public Question {
      choices = choices == null ? List.of() : List.copyOf(choices);
      signals = signals == null ? List.of() : List.copyOf(signals);
    }

    /** The answers this question accepts; empty for a count or a date, which are checked by form. */
    Set<String> allowedAnswers() {
      return switch (answerType) {
        case YES_NO -> Set.of("yes", "no");
        case CHOICE -> new LinkedHashSet<>(choices);
        case COUNT, DATE -> Set.of();
      };
    }

    String problemWith(String answer) {
      return switch (answerType) {
        case COUNT -> count(answer);
        case DATE -> date(answer);
        case YES_NO, CHOICE -> allowedAnswers().contains(answer) ? null
            : "must be one of " + allowedAnswers().stream().sorted().toList();
      };
    }

    private static String count(String answer) {
      try {
        return Integer.parseInt(answer) < 0 ? "must be zero or more" : null;
      } catch (NumberFormatException e) {
        return "must be a whole number";
      }
    }

    private static String date(String answer) {
      try {
        LocalDate.parse(answer);
        return null;
      } catch (DateTimeParseException e) {
        return "must be a date (YYYY-MM-DD)";
      }
    }
  }

  /** These answers to the question signal this risk factor, named by the code of the pathway for it. */
  public record Signal(
      @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 64) String> answers,
      @NotBlank @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String riskFactor) {}

  public List<String> questionCodes() {
    return questions.stream().map(Question::code).toList();
  }

  /** What is wrong with a definition beyond its fields' shapes; each problem names the field. */
  List<FieldProblem> problems(Predicate<String> knownRiskFactor) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (int q = 0; q < questions.size(); q++) {
      Question question = questions.get(q);
      String at = "questions[" + q + "]";
      if (!codes.add(question.code())) {
        problems.add(new FieldProblem(at + ".code", "repeats question " + question.code()));
      }
      boolean choice = question.answerType() == AnswerType.CHOICE;
      if (choice && question.choices().isEmpty()) {
        problems.add(new FieldProblem(at + ".choices", "a CHOICE question lists its choices"));
      } else if (!choice && !question.choices().isEmpty()) {
        problems.add(new FieldProblem(at + ".choices", "only a CHOICE question lists choices"));
      }
      for (int s = 0; s < question.signals().size(); s++) {
        Signal signal = question.signals().get(s);
        String signalAt = at + ".signals[" + s + "]";
        if (question.allowedAnswers().isEmpty()) {
          problems.add(new FieldProblem(signalAt, "only a YES_NO or CHOICE answer signals a risk factor"));
        } else if (!question.allowedAnswers().containsAll(signal.answers())) {
          problems.add(new FieldProblem(signalAt + ".answers", "must be answers of the question: "
              + question.allowedAnswers()));
        }
        if (!knownRiskFactor.test(signal.riskFactor())) {
          problems.add(new FieldProblem(signalAt + ".riskFactor", "no pathway with code " + signal.riskFactor()));
        }
      }
    }
    return problems;
  }

  /** Every answer belongs to a question of this checklist, every question is answered and well formed. */
  List<FieldProblem> problemsWith(Map<String, String> answers) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> known = new HashSet<>(questionCodes());
    answers.keySet().stream()
        .filter(code -> !known.contains(code))
        .sorted()
        .forEach(code -> problems.add(new FieldProblem("answers." + code, "not a question of this checklist")));
    for (Question question : questions) {
      String answer = answers.get(question.code());
      String problem = answer == null ? "required" : question.problemWith(answer);
      if (problem != null) {
        problems.add(new FieldProblem("answers." + question.code(), problem));
      }
    }
    return problems;
  }

  /** The risk factors these answers signal, in question order, each once. */
  List<String> signalledRiskFactors(Map<String, String> answers) {
    Set<String> factors = new LinkedHashSet<>();
    for (Question question : questions) {
      String answer = answers.get(question.code());
      question.signals().stream()
          .filter(signal -> signal.answers().contains(answer))
          .forEach(signal -> factors.add(signal.riskFactor()));
    }
    return List.copyOf(factors);
  }
}
