package org.communityhub.rules.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.DefaultPackages;
import org.communityhub.rules.DefaultRulePackages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EligibilityTest {

    private static final String UNCONFIRMED = "Not eligible for PREGNANCY without a confirmed pregnancy";
    private static final String NO_DUE_DATE = "Not eligible for PREGNANCY without an estimated due date";
    private static final String STABLE_HOUSING = "Not eligible for HOUSING when housing is stable";
    private static final String HAS_PRIMARY_CARE = "Not eligible for MEDICAL_HOME with primary care already";
    private static final String FOOD_SECURE = "Not eligible for FOOD_SECURITY when food secure";

    private final Eligibility eligibility = new Eligibility(DefaultPackages.REGISTRY);

    private static List<ChecklistAnswer> answers(String... questionEqualsValue) {
        return Arrays.stream(questionEqualsValue)
                .map(qv -> qv.split("=", 2))
                .map(qv -> ChecklistAnswer.of(qv[0], qv[1]))
                .toList();
    }

    private static Arguments refused(String pathway, List<ChecklistAnswer> answers, Map<String, String> fields,
            String... rules) {
        return Arguments.of(pathway, answers, fields, List.of(rules));
    }

    private static Arguments eligible(String pathway, List<ChecklistAnswer> answers, Map<String, String> fields) {
        return Arguments.of(pathway, answers, fields, List.of());
    }

    static Stream<Arguments> cases() {
        Map<String, String> dueDate = Map.of("estimatedDueDate", "2030-03-01");
        return Stream.of(
                // PREGNANCY: confirmed by the checklist or the opening, and a due date
                eligible("PREGNANCY", answers("pregnancy_confirmed=yes"), dueDate),
                eligible("PREGNANCY", answers("pregnancy_confirmed=no"),
                        Map.of("pregnancyConfirmed", "true", "estimatedDueDate", "2030-03-01")),
                refused("PREGNANCY", answers("pregnancy_confirmed=no"), dueDate, UNCONFIRMED),
                refused("PREGNANCY", answers(), dueDate, UNCONFIRMED),
                refused("PREGNANCY", answers(), Map.of("pregnancyConfirmed", "false", "estimatedDueDate", "2030-03-01"),
                        UNCONFIRMED),
                refused("PREGNANCY", answers("pregnancy_confirmed=yes"), Map.of(), NO_DUE_DATE),
                refused("PREGNANCY", answers("pregnancy_confirmed=yes"), Map.of("estimatedDueDate", " "), NO_DUE_DATE),
                refused("PREGNANCY", answers("pregnancy_confirmed=no"), Map.of(), UNCONFIRMED, NO_DUE_DATE),
                // HOUSING: refused only when the checklist says stable
                refused("HOUSING", answers("housing_status=STABLE"), Map.of(), STABLE_HOUSING),
                eligible("HOUSING", answers("housing_status=UNSTABLE"), Map.of()),
                eligible("HOUSING", answers("housing_status=HOMELESS"), Map.of()),
                eligible("HOUSING", answers(), Map.of()),
                // MEDICAL_HOME: refused when primary care exists
                refused("MEDICAL_HOME", answers("has_primary_care=yes"), Map.of(), HAS_PRIMARY_CARE),
                eligible("MEDICAL_HOME", answers("has_primary_care=no"), Map.of()),
                // FOOD_SECURITY: refused when not food insecure
                refused("FOOD_SECURITY", answers("food_insecure=no"), Map.of(), FOOD_SECURE),
                eligible("FOOD_SECURITY", answers("food_insecure=yes"), Map.of()),
                // rules are about their own pathway only; unknown pathways are eligible
                eligible("HOUSING", answers("has_primary_care=yes", "food_insecure=no", "pregnancy_confirmed=no"),
                        Map.of()),
                eligible("TRANSPORTATION", answers("housing_status=STABLE", "has_primary_care=yes"), Map.of()),
                eligible("NOT_A_PATHWAY", answers("housing_status=STABLE", "has_health_coverage=yes"), Map.of()));
    }

    /** Every pathway has a rule refusing it when the checklist says the problem is absent. */
    @ParameterizedTest(name = "{0}: refused by {1}, eligible with {3}")
    @CsvSource(delimiter = '|', textBlock = """
            ADULT_EDUCATION           | has_high_school_diploma=yes     | Not eligible for ADULT_EDUCATION with a high school diploma                 | has_high_school_diploma=no
            DEVELOPMENTAL_REFERRAL    | child_development_concern=no    | Not eligible for DEVELOPMENTAL_REFERRAL without a developmental concern     | child_development_concern=yes
            EMPLOYMENT                | unemployed_seeking_work=no      | Not eligible for EMPLOYMENT when not seeking work                           | unemployed_seeking_work=yes
            FAMILY_PLANNING           | wants_family_planning=no        | Not eligible for FAMILY_PLANNING without a family planning need             | wants_family_planning=yes
            FOOD_SECURITY             | food_insecure=no                | Not eligible for FOOD_SECURITY when food secure                             | food_insecure=yes
            HEALTH_COVERAGE           | has_health_coverage=yes         | Not eligible for HEALTH_COVERAGE with health coverage already               | has_health_coverage=no
            HOUSING                   | housing_status=STABLE           | Not eligible for HOUSING when housing is stable                             | housing_status=UNSTABLE
            IMMUNIZATION_REFERRAL     | immunizations_up_to_date=yes    | Not eligible for IMMUNIZATION_REFERRAL with immunizations up to date       | immunizations_up_to_date=no
            LEARNING                  | health_education_need=no        | Not eligible for LEARNING without a health education need                   | health_education_need=yes
            MEDICAL_HOME              | has_primary_care=yes            | Not eligible for MEDICAL_HOME with primary care already                     | has_primary_care=no
            MEDICAL_REFERRAL          | needs_medical_referral=no       | Not eligible for MEDICAL_REFERRAL without a medical referral need           | needs_medical_referral=yes
            MEDICATION_SCREENING      | takes_prescribed_medicines=no   | Not eligible for MEDICATION_SCREENING without prescribed medicines          | takes_prescribed_medicines=yes
            MEDICATION_RECONCILIATION | takes_prescribed_medicines=no   | Not eligible for MEDICATION_RECONCILIATION without prescribed medicines     | takes_prescribed_medicines=yes
            MEDICATION_ADHERENCE      | takes_prescribed_medicines=no   | Not eligible for MEDICATION_ADHERENCE without prescribed medicines          | takes_prescribed_medicines=yes
            MENTAL_HEALTH             | mental_health_concern=no        | Not eligible for MENTAL_HEALTH without a mental health concern              | mental_health_concern=yes
            SUBSTANCE_USE             | substance_use_concern=no        | Not eligible for SUBSTANCE_USE without a substance use concern              | substance_use_concern=yes
            ORAL_HEALTH               | has_dentist=yes                 | Not eligible for ORAL_HEALTH with a dentist already                         | has_dentist=no
            POSTPARTUM                | gave_birth_last_12_weeks=no     | Not eligible for POSTPARTUM without a recent birth                          | gave_birth_last_12_weeks=yes
            PREGNANCY                 | pregnancy_confirmed=no          | Not eligible for PREGNANCY without a confirmed pregnancy                    | pregnancy_confirmed=yes
            SOCIAL_SERVICE_REFERRAL   | social_service_need=no          | Not eligible for SOCIAL_SERVICE_REFERRAL without a social service need      | social_service_need=yes
            TRANSPORTATION            | has_reliable_transportation=yes | Not eligible for TRANSPORTATION with reliable transportation                | has_reliable_transportation=no
            """)
    void everyPathwayIsRefusedWhenTheChecklistSaysItsProblemIsAbsent(String pathway, String refusingAnswer,
            String rule, String eligibleAnswer) {
        Map<String, String> fields = Map.of("estimatedDueDate", "2030-03-01");

        EligibilityDecision refused = eligibility.check(new EligibilityQuestion(pathway, answers(refusingAnswer), fields));
        EligibilityDecision eligible = eligibility.check(new EligibilityQuestion(pathway, answers(eligibleAnswer), fields));

        assertThat(refused.reasons()).extracting(IneligibilityReason::ruleName).containsExactly(rule);
        assertThat(eligible.eligible()).as("%s with %s", pathway, eligibleAnswer).isTrue();
    }

    @ParameterizedTest(name = "{0} with {1} and {2} is refused by {3}")
    @MethodSource("cases")
    void decidesEligibilityNamingEveryRuleThatRefuses(String pathway, List<ChecklistAnswer> answers,
            Map<String, String> fields, List<String> refusingRules) {
        EligibilityDecision decision = eligibility.check(new EligibilityQuestion(pathway, answers, fields));

        assertThat(decision.eligible()).isEqualTo(refusingRules.isEmpty());
        assertThat(decision.reasons()).extracting(IneligibilityReason::ruleName)
                .containsExactlyInAnyOrderElementsOf(refusingRules);
        assertThat(decision.reasons()).allSatisfy(reason -> assertThat(reason.reason()).isNotBlank());
        assertThat(decision.rulePackageVersion()).isEqualTo(DefaultRulePackages.VERSION);
    }
}
