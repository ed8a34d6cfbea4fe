package org.communityhub.engine.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.communityhub.pathways.FieldDescriptor;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.RulePackageRegistry;
import org.communityhub.rules.eligibility.Eligibility;
import org.communityhub.rules.eligibility.EligibilityQuestion;
import org.communityhub.rules.risk.PathwayRecommendation;
import org.communityhub.rules.risk.RiskAssessment;
import org.communityhub.rules.risk.RiskScoring;
import org.junit.jupiter.api.Test;

/**
 * The initial checklist and the default risk and eligibility packages cover the standard catalog: some
 * answer recommends each pathway, a client with every risk factor may open every pathway, and one with
 * none may open none.
 */
class ChecklistCoverageTest {

  private static final ChecklistDefinition INITIAL = ChecklistPublishing.standard("initial");
  private static final PathwayCatalog CATALOG = PathwayCatalog.standard();
  private static final RulePackageRegistry RULES = RulePackageRegistry.withDefaultPackages();
  private static final RiskScoring RISK = new RiskScoring(RULES);
  private static final Eligibility ELIGIBILITY = new Eligibility(RULES);
  /** Questions that add no points and recommend nothing by themselves (a confirmation, a utilisation count). */
  private static final Set<String> WITHOUT_A_PATHWAY = Set.of("pregnancy_confirmed", "er_visits_12_months");

  @Test
  void everyPathwayIsRecommendedByAnAnswerOfTheInitialChecklist() {
    Set<String> recommended = new LinkedHashSet<>();
    for (String question : INITIAL.questionCodes()) {
      for (String answer : answersTo(question)) {
        RISK.assess(List.of(ChecklistAnswer.of(question, answer))).recommendations()
            .forEach(r -> recommended.add(r.pathwayCode()));
      }
    }

    assertThat(recommended).containsExactlyInAnyOrderElementsOf(codes());
  }

  @Test
  void everyQuestionButAConfirmationAndACountRecommendsAPathway() {
    for (String question : INITIAL.questionCodes()) {
      boolean recommends = answersTo(question).stream()
          .anyMatch(answer -> !RISK.assess(List.of(ChecklistAnswer.of(question, answer))).recommendations().isEmpty());
      assertThat(recommends).as(question).isEqualTo(!WITHOUT_A_PATHWAY.contains(question));
    }
  }

  @Test
  void aClientWithEveryRiskFactorIsRecommendedAndEligibleForEveryPathway() {
    List<ChecklistAnswer> everyRisk = checklist(true);
    RiskAssessment assessment = RISK.assess(everyRisk);

    assertThat(assessment.recommendations()).extracting(PathwayRecommendation::pathwayCode)
        .containsExactlyInAnyOrderElementsOf(codes());
    for (PathwayDescriptor pathway : CATALOG.all()) {
      var decision = ELIGIBILITY.check(new EligibilityQuestion(pathway.code(), everyRisk, openingFields(pathway)));
      assertThat(decision.reasons()).as("%s for a client with every risk factor", pathway.code()).isEmpty();
    }
  }

  @Test
  void aClientWithNoRiskFactorIsRecommendedNothingAndRefusedEveryPathway() {
    List<ChecklistAnswer> noRisk = checklist(false);

    assertThat(RISK.assess(noRisk).recommendations()).isEmpty();
    assertThat(RISK.assess(noRisk).score()).isZero();
    for (PathwayDescriptor pathway : CATALOG.all()) {
      var decision = ELIGIBILITY.check(new EligibilityQuestion(pathway.code(), noRisk, openingFields(pathway)));
      assertThat(decision.eligible()).as("%s for a client with no risk factor", pathway.code()).isFalse();
    }
  }

  /** What a checklist says an answer signals is what the default risk rules recommend for it. */
  @Test
  void everyStandardChecklistSignalsWhatTheRiskRulesRecommend() {
    for (String name : ChecklistPublishing.STANDARD) {
      ChecklistDefinition checklist = ChecklistPublishing.standard(name);
      assertThat(checklist.problems(codes()::contains)).as(name).isEmpty();
      for (ChecklistDefinition.Question question : checklist.questions()) {
        for (String answer : question.allowedAnswers()) {
          List<String> recommended = RISK.assess(List.of(ChecklistAnswer.of(question.code(), answer)))
              .recommendations().stream().map(PathwayRecommendation::pathwayCode).toList();
          assertThat(checklist.signalledRiskFactors(Map.of(question.code(), answer)))
              .as("%s: %s = %s", name, question.code(), answer)
              .containsExactlyInAnyOrderElementsOf(recommended);
        }
      }
    }
  }

  @Test
  void aDefinitionNamesEachFieldItGetsWrong() {
    var question = new ChecklistDefinition.Question("housing_status", "Where?", ChecklistDefinition.AnswerType.CHOICE,
        List.of("STABLE"), List.of(new ChecklistDefinition.Signal(List.of("CASTLE"), "ASTROLOGY")));
    var count = new ChecklistDefinition.Question("housing_status", "Again?", ChecklistDefinition.AnswerType.COUNT,
        List.of(), List.of());
    var definition = new ChecklistDefinition("FOLLOW_UP", "Follow-up", null, List.of(question, count));

    assertThat(definition.problems(codes()::contains)).extracting(p -> p.field()).containsExactly(
        "questions[0].signals[0].answers", "questions[0].signals[0].riskFactor", "questions[1].code");
  }

  /**
   * Each question answered with the answer that scores most (every risk) or least (no risk); a question
   * that scores nothing either way is answered "yes" and "no".
   */
  private static List<ChecklistAnswer> checklist(boolean risky) {
    return INITIAL.questionCodes().stream().map(question -> {
      List<String> answers = answersTo(question);
      String chosen = answers.stream()
          .max((a, b) -> Integer.compare(points(question, a), points(question, b)) * (risky ? 1 : -1))
          .orElseThrow();
      if (answers.stream().allMatch(a -> points(question, a) == 0)) chosen = risky ? "yes" : "no";
      return ChecklistAnswer.of(question, chosen);
    }).toList();
  }

  private static int points(String question, String answer) {
    return RISK.assess(List.of(ChecklistAnswer.of(question, answer))).score();
  }

  private static List<String> answersTo(String question) {
    Set<String> allowed = INITIAL.questions().stream().filter(q -> q.code().equals(question)).findFirst()
        .orElseThrow().allowedAnswers();
    return allowed.isEmpty() ? List.of("0", "5") : allowed.stream().sorted().toList();
  }

  private static Map<String, String> openingFields(PathwayDescriptor pathway) {
    Map<String, String> fields = new HashMap<>();
    for (FieldDescriptor field : pathway.openingFields()) fields.put(field.name(), "2030-01-01");
    return fields;
  }

  private static List<String> codes() {
    return CATALOG.all().stream().map(PathwayDescriptor::code).toList();
  }
}
