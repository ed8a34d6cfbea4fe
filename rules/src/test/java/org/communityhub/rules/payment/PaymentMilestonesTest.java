package org.communityhub.rules.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.communityhub.rules.DefaultPackages;
import org.communityhub.rules.DefaultRulePackages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentMilestonesTest {

    private final PaymentMilestones milestones = new PaymentMilestones(DefaultPackages.REGISTRY);

    @ParameterizedTest(name = "{0}/{1} outcome={2} birthWeightGrams={3} earns {4}/{5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            PREGNANCY     | PRENATAL_VISIT_ATTENDED | false | -    | SERVICE_CONFIRMED | STANDARD             | Earn SERVICE_CONFIRMED for an attended prenatal visit
            PREGNANCY     | DELIVERY                | true  | 3400 | OUTCOME_CONFIRMED | HEALTHY_BIRTH_WEIGHT | Earn OUTCOME_CONFIRMED with a healthy birth weight for a delivery of 2500 g or more
            PREGNANCY     | DELIVERY                | true  | 2501 | OUTCOME_CONFIRMED | HEALTHY_BIRTH_WEIGHT | Earn OUTCOME_CONFIRMED with a healthy birth weight for a delivery of 2500 g or more
            PREGNANCY     | DELIVERY                | true  | 2500 | OUTCOME_CONFIRMED | HEALTHY_BIRTH_WEIGHT | Earn OUTCOME_CONFIRMED with a healthy birth weight for a delivery of 2500 g or more
            PREGNANCY     | DELIVERY                | true  | 2499 | OUTCOME_CONFIRMED | LOW_BIRTH_WEIGHT     | Earn OUTCOME_CONFIRMED with a low birth weight for a delivery under 2500 g
            PREGNANCY     | DELIVERY                | true  | 1200 | OUTCOME_CONFIRMED | LOW_BIRTH_WEIGHT     | Earn OUTCOME_CONFIRMED with a low birth weight for a delivery under 2500 g
            PREGNANCY     | DELIVERY                | true  | -    | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            PREGNANCY     | DELIVERY                | true  | n/a  | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            HOUSING       | MOVED_IN                | true  | -    | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            MEDICAL_HOME  | FIRST_VISIT_ATTENDED    | true  | -    | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            FOOD_SECURITY | BENEFITS_RECEIVED       | true  | -    | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            EMPLOYMENT    | JOB_STARTED             | false | -    | SERVICE_CONFIRMED | STANDARD             | Earn SERVICE_CONFIRMED for a job started
            EMPLOYMENT    | EMPLOYMENT_VERIFIED     | true  | -    | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            EMPLOYMENT    | JOB_LOST                | false | -    | -                 | -                    | -
            ADULT_EDUCATION | PROGRAM_ENROLLED      | false | -    | SERVICE_CONFIRMED | STANDARD             | Earn SERVICE_CONFIRMED for an enrolment in adult education
            SUBSTANCE_USE | ASSESSMENT_COMPLETED    | false | -    | SERVICE_CONFIRMED | STANDARD             | Earn SERVICE_CONFIRMED for a completed substance use assessment
            SUBSTANCE_USE | TREATMENT_STARTED       | true  | -    | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            POSTPARTUM    | VISIT_ATTENDED          | true  | -    | OUTCOME_CONFIRMED | STANDARD             | Earn OUTCOME_CONFIRMED for any other outcome step
            LEARNING      | MODULE_TAUGHT           | false | -    | -                 | -                    | -
            HOUSING       | PRENATAL_VISIT_ATTENDED | false | -    | -                 | -                    | -
            HOUSING       | APPLICATION_SUBMITTED   | false | -    | -                 | -                    | -
            PREGNANCY     | INITIAL_VISIT           | false | -    | -                 | -                    | -
            PREGNANCY     | DELIVERY_PLANNED        | false | 3000 | -                 | -                    | -
            """)
    void earnsAtMostOneMilestonePerEvent(String pathway, String step, boolean outcomeStep, String birthWeightGrams,
            String milestone, String variant, String rule) {
        Map<String, String> data = new HashMap<>();
        if (birthWeightGrams != null) {
            data.put("birthWeightGrams", birthWeightGrams);
        }

        MilestoneDecision decision = milestones.evaluate(new PathwayEvent(pathway, step, outcomeStep, data));

        Optional<EarnedMilestone> expected = milestone == null
                ? Optional.empty()
                : Optional.of(new EarnedMilestone(milestone, variant, rule));
        assertThat(decision.earned()).isEqualTo(expected);
        assertThat(decision.rulePackageVersion()).isEqualTo(DefaultRulePackages.VERSION);
    }
}
