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
                ChecklistAnswer.of("has_health_coverage", "yes"),
                ChecklistAnswer.of("has_high_school_diploma", "yes"),
                ChecklistAnswer.of("child_development_concern", "no"),
                ChecklistAnswer.of("unemployed_seeking_work", "no"),
                ChecklistAnswer.of("wants_family_planning", "no"),
                ChecklistAnswer.of("immunizations_up_to_date", "yes"),
                ChecklistAnswer.of("health_education_need", "no"),
                ChecklistAnswer.of("needs_medical_referral", "no"),
                ChecklistAnswer.of("takes_prescribed_medicines", "no"),
                ChecklistAnswer.of("recent_hospital_discharge", "no"),
                ChecklistAnswer.of("misses_medicine_doses", "no"),
                ChecklistAnswer.of("mental_health_concern", "no"),
                ChecklistAnswer.of("substance_use_concern", "no"),
                ChecklistAnswer.of("has_dentist", "yes"),
                ChecklistAnswer.of("gave_birth_last_12_weeks", "no"),
                ChecklistAnswer.of("social_service_need", "no"),
                ChecklistAnswer.of("has_reliable_transportation", "yes")));
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
            mental_health_concern=yes,has_dentist=no                                                                               | 3  | MEDIUM
            unemployed_seeking_work=yes,recent_hospital_discharge=yes,has_reliable_transportation=no,social_service_need=yes     | 6  | HIGH
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
                Arguments.of("er_visits_12_months=9", List.of()),
                Arguments.of("has_health_coverage=no,er_visits_12_months=9", List.of(
                        new PathwayRecommendation("HEALTH_COVERAGE", "Recommend HEALTH_COVERAGE for no health coverage"))));
    }

    /** Every risk factor of the initial checklist, what it scores, and the pathway it opens. */
    @ParameterizedTest(name = "{0} adds {1} and recommends {3}")
    @CsvSource(delimiter = '|', textBlock = """
            pregnant=yes                    | 3 | Add 3 points for a pregnancy                              | PREGNANCY                 | Recommend PREGNANCY for a pregnancy
            housing_status=HOMELESS         | 3 | Add 3 points for homelessness                             | HOUSING                   | Recommend HOUSING for unstable housing
            housing_status=UNSTABLE         | 2 | Add 2 points for unstable housing                         | HOUSING                   | Recommend HOUSING for unstable housing
            has_primary_care=no             | 2 | Add 2 points for no primary care                          | MEDICAL_HOME              | Recommend MEDICAL_HOME for no primary care
            food_insecure=yes               | 2 | Add 2 points for food insecurity                          | FOOD_SECURITY             | Recommend FOOD_SECURITY for food insecurity
            has_health_coverage=no          | 1 | Add 1 point for no health coverage                        | HEALTH_COVERAGE           | Recommend HEALTH_COVERAGE for no health coverage
            has_high_school_diploma=no      | 1 | Add 1 point for no high school diploma                    | ADULT_EDUCATION           | Recommend ADULT_EDUCATION for no high school diploma
            child_development_concern=yes   | 1 | Add 1 point for a concern about a child's development     | DEVELOPMENTAL_REFERRAL    | Recommend DEVELOPMENTAL_REFERRAL for a concern about a child's development
            unemployed_seeking_work=yes     | 2 | Add 2 points for being out of work and seeking work       | EMPLOYMENT                | Recommend EMPLOYMENT for being out of work and seeking work
            wants_family_planning=yes       | 1 | Add 1 point for a family planning need                    | FAMILY_PLANNING           | Recommend FAMILY_PLANNING for a family planning need
            immunizations_up_to_date=no     | 1 | Add 1 point for immunizations not up to date              | IMMUNIZATION_REFERRAL     | Recommend IMMUNIZATION_REFERRAL for immunizations not up to date
            health_education_need=yes       | 1 | Add 1 point for a health education need                   | LEARNING                  | Recommend LEARNING for a health education need
            needs_medical_referral=yes      | 1 | Add 1 point for a medical referral not followed up        | MEDICAL_REFERRAL          | Recommend MEDICAL_REFERRAL for a medical referral not followed up
            takes_prescribed_medicines=yes  | 1 | Add 1 point for taking prescribed medicines               | MEDICATION_SCREENING      | Recommend MEDICATION_SCREENING for taking prescribed medicines
            recent_hospital_discharge=yes   | 2 | Add 2 points for a recent hospital discharge              | MEDICATION_RECONCILIATION | Recommend MEDICATION_RECONCILIATION for a recent hospital discharge
            misses_medicine_doses=yes       | 1 | Add 1 point for missed medicine doses                     | MEDICATION_ADHERENCE      | Recommend MEDICATION_ADHERENCE for missed medicine doses
            mental_health_concern=yes       | 2 | Add 2 points for a mental health concern                  | MENTAL_HEALTH             | Recommend MENTAL_HEALTH for a mental health concern
            substance_use_concern=yes       | 2 | Add 2 points for a substance use concern                  | SUBSTANCE_USE             | Recommend SUBSTANCE_USE for a substance use concern
            has_dentist=no                  | 1 | Add 1 point for no dentist                                | ORAL_HEALTH               | Recommend ORAL_HEALTH for no dentist
            gave_birth_last_12_weeks=yes    | 2 | Add 2 points for a birth in the last 12 weeks             | POSTPARTUM                | Recommend POSTPARTUM for a birth in the last 12 weeks
            social_service_need=yes         | 1 | Add 1 point for a social service need                     | SOCIAL_SERVICE_REFERRAL   | Recommend SOCIAL_SERVICE_REFERRAL for a social service need
            has_reliable_transportation=no  | 1 | Add 1 point for no reliable transportation                | TRANSPORTATION            | Recommend TRANSPORTATION for no reliable transportation
            """)
    void everyRiskFactorAddsItsPointsAndRecommendsThePathwayItOpens(String override, int points, String pointRule,
            String pathway, String recommendationRule) {
        RiskAssessment assessment = scoring.assess(checklist(override));

        assertThat(assessment.points()).containsExactly(new RiskPoint(points, pointRule));
        assertThat(assessment.recommendations()).containsExactly(new PathwayRecommendation(pathway, recommendationRule));
    }

    @ParameterizedTest(name = "{0} recommends {1}")
    @MethodSource("recommendations")
    void recommendsPathwaysNamingTheRule(String overrides, List<PathwayRecommendation> expected) {
        assertThat(scoring.assess(checklist(overrides)).recommendations()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void recommendsEachOfTheTwentyOnePathwaysOnceWhenEverythingIsWrong() {
        RiskAssessment assessment = scoring.assess(checklist("pregnant=yes,housing_status=HOMELESS,has_primary_care=no,"
                + "food_insecure=yes,has_health_coverage=no,has_high_school_diploma=no,child_development_concern=yes,"
                + "unemployed_seeking_work=yes,wants_family_planning=yes,immunizations_up_to_date=no,"
                + "health_education_need=yes,needs_medical_referral=yes,takes_prescribed_medicines=yes,"
                + "recent_hospital_discharge=yes,misses_medicine_doses=yes,mental_health_concern=yes,"
                + "substance_use_concern=yes,has_dentist=no,gave_birth_last_12_weeks=yes,social_service_need=yes,"
                + "has_reliable_transportation=no"));

        assertThat(assessment.recommendations()).extracting(PathwayRecommendation::pathwayCode)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("ADULT_EDUCATION", "DEVELOPMENTAL_REFERRAL", "EMPLOYMENT", "FAMILY_PLANNING",
                        "FOOD_SECURITY", "HEALTH_COVERAGE", "HOUSING", "IMMUNIZATION_REFERRAL", "LEARNING", "MEDICAL_HOME",
                        "MEDICAL_REFERRAL", "MEDICATION_SCREENING", "MEDICATION_RECONCILIATION", "MEDICATION_ADHERENCE",
                        "MENTAL_HEALTH", "SUBSTANCE_USE", "ORAL_HEALTH", "POSTPARTUM", "PREGNANCY",
                        "SOCIAL_SERVICE_REFERRAL", "TRANSPORTATION");
        assertThat(assessment.tier()).isEqualTo(RiskTier.HIGH);
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
