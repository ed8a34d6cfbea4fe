package org.communityhub.rules.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.DefaultPackages;
import org.communityhub.rules.DefaultRulePackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RiskScoringTest {

    private final RiskScoring scoring = new RiskScoring(DefaultPackages.REGISTRY);

    /** The initial checklist with nothing wrong, then "question=value,..." overrides ("-" for none). */
    private static List<ChecklistAnswer> checklist(String overrides) {
        List<ChecklistAnswer> answers = new ArrayList<>(List.of(
                ChecklistAnswer.of("pregnant", "no"),
                ChecklistAnswer.of("pregnancy_confirmed", "no"),
                ChecklistAnswer.of("housing_status", "STABLE"),
                ChecklistAnswer.of("has_primary_care", "yes"),
                ChecklistAnswer.of("food_insecure", "no"),
                ChecklistAnswer.of("er_visits_12_months", "0"),
                ChecklistAnswer.of("has_health_coverage", "yes")));
        for (String override : overrides.equals("-") ? new String[0] : overrides.split(",")) {
            String[] qv = override.split("=", 2);
            answers.replaceAll(a -> a.getQuestion().equals(qv[0]) ? ChecklistAnswer.of(qv[0], qv[1]) : a);
        }
        return answers;
    }

    @ParameterizedTest(name = "{0} scores {1}, tier {2}")
    @CsvSource(delimiter = '|', textBlock = """
            -                                                    | 0  | LOW
            has_health_coverage=no                               | 1  | LOW
            er_visits_12_months=2                                | 0  | LOW
            er_visits_12_months=3                                | 2  | LOW
            er_visits_12_months=not a number                     | 0  | LOW
            housing_status=UNSTABLE                              | 2  | LOW
            has_primary_care=no,has_health_coverage=no           | 3  | MEDIUM
            pregnant=yes                                         | 3  | MEDIUM
            pregnant=YES                                         | 3  | MEDIUM
            housing_status=HOMELESS                              | 3  | MEDIUM
            housing_status=HOMELESS,food_insecure=yes            | 5  | MEDIUM
            housing_status=HOMELESS,pregnant=yes                 | 6  | HIGH
            pregnant=yes,housing_status=HOMELESS,has_primary_care=no,food_insecure=yes,er_visits_12_months=7,has_health_coverage=no | 13 | HIGH
            """)
    void scoresTheSumOfPointsAndTiersItInDrl(String overrides, int score, RiskTier tier) {
        RiskAssessment assessment = scoring.assess(checklist(overrides));

        assertThat(assessment.score()).isEqualTo(score);
        assertThat(assessment.tier()).isEqualTo(tier);
        assertThat(assessment.points().stream().mapToInt(RiskPoint::points).sum()).isEqualTo(score);
        assertThat(assessment.rulePackageVersion()).isEqualTo(DefaultRulePackages.VERSION);
    }

    static Stream<Arguments> pointsWithTheirRules() {
        return Stream.of(
                Arguments.of("pregnant=yes", List.of(new RiskPoint(3, "Add 3 points for a pregnancy"))),
                Arguments.of("housing_status=HOMELESS", List.of(new RiskPoint(3, "Add 3 points for homelessness"))),
                Arguments.of("housing_status=UNSTABLE", List.of(new RiskPoint(2, "Add 2 points for unstable housing"))),
                Arguments.of("has_primary_care=no", List.of(new RiskPoint(2, "Add 2 points for no primary care"))),
                Arguments.of("food_insecure=yes", List.of(new RiskPoint(2, "Add 2 points for food insecurity"))),
                Arguments.of("er_visits_12_months=3",
                        List.of(new RiskPoint(2, "Add 2 points for 3 or more ER visits in 12 months"))),
                Arguments.of("has_health_coverage=no", List.of(new RiskPoint(1, "Add 1 point for no health coverage"))));
    }

    @ParameterizedTest(name = "{0} earns {1}")
    @MethodSource("pointsWithTheirRules")
    void recordsWhichRuleAddedEachPoint(String override, List<RiskPoint> points) {
        assertThat(scoring.assess(checklist(override)).points()).containsExactlyElementsOf(points);
    }

    static Stream<Arguments> recommendations() {
        return Stream.of(
                Arguments.of("-", List.of()),
                Arguments.of("pregnant=yes", List.of(
                        new PathwayRecommendation("PREGNANCY", "Recommend PREGNANCY for a pregnancy"))),
                Arguments.of("housing_status=UNSTABLE", List.of(
                        new PathwayRecommendation("HOUSING", "Recommend HOUSING for unstable housing"))),
                Arguments.of("housing_status=HOMELESS", List.of(
                        new PathwayRecommendation("HOUSING", "Recommend HOUSING for unstable housing"))),
                Arguments.of("has_primary_care=no", List.of(
                        new PathwayRecommendation("MEDICAL_HOME", "Recommend MEDICAL_HOME for no primary care"))),
                Arguments.of("food_insecure=yes", List.of(
                        new PathwayRecommendation("FOOD_SECURITY", "Recommend FOOD_SECURITY for food insecurity"))),
                Arguments.of("has_health_coverage=no,er_visits_12_months=9", List.of()));
    }

    @ParameterizedTest(name = "{0} recommends {1}")
    @MethodSource("recommendations")
    void recommendsPathwaysNamingTheRule(String overrides, List<PathwayRecommendation> expected) {
        assertThat(scoring.assess(checklist(overrides)).recommendations()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void recommendsEachPathwayAtMostOnceWhenEverythingIsWrong() {
        RiskAssessment assessment = scoring.assess(
                checklist("pregnant=yes,housing_status=HOMELESS,has_primary_care=no,food_insecure=yes"));

        assertThat(assessment.recommendations()).extracting(PathwayRecommendation::pathwayCode)
                .containsExactlyInAnyOrder("PREGNANCY", "HOUSING", "MEDICAL_HOME", "FOOD_SECURITY");
    }

    @Test
    void scoresAnEmptyChecklistLow() {
        RiskAssessment assessment = scoring.assess(List.of());

        assertThat(assessment.score()).isZero();
        assertThat(assessment.tier()).isEqualTo(RiskTier.LOW);
        assertThat(assessment.points()).isEmpty();
        assertThat(assessment.recommendations()).isEmpty();
    }

    @Test
    void rejectsAQuestionAnsweredTwice() {
        List<ChecklistAnswer> answers = List.of(ChecklistAnswer.of("pregnant", "yes"), ChecklistAnswer.of("pregnant", "yes"));

        assertThatThrownBy(() -> scoring.assess(answers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pregnant");
    }

}
