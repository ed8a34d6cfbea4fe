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
                eligible("TRANSPORTATION", answers("housing_status=STABLE", "has_primary_care=yes"), Map.of()));
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
