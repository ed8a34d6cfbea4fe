package org.communityhub.rules.eligibility;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.Decision;
import org.communityhub.rules.RulePackage;
import org.communityhub.rules.RulePackageRegistry;

/** Decides pathway eligibility with the ELIGIBILITY package active at the moment of the call. */
public final class Eligibility {

    private final RulePackageRegistry registry;

    public Eligibility(RulePackageRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * A pathway is eligible unless a rule gives a reason against it (so unknown pathway codes are eligible).
     *
     * @throws IllegalArgumentException        when a question is answered twice
     * @throws org.communityhub.rules.NoActiveRulePackage when no ELIGIBILITY package is active
     * @throws org.communityhub.rules.RuleEvaluationFailed when the package fails
     */
    public EligibilityDecision check(EligibilityQuestion question) {
        return check(registry.activePackage(Decision.ELIGIBILITY), question);
    }

    /**
     * What a compiled version, active or not, would decide: for dry runs. Nothing is recorded anywhere.
     *
     * @throws IllegalArgumentException when the version was never compiled, or a question is answered twice
     */
    public EligibilityDecision checkUnder(String version, EligibilityQuestion question) {
        return check(registry.compiledPackage(Decision.ELIGIBILITY, version), question);
    }

    private static EligibilityDecision check(RulePackage rules, EligibilityQuestion question) {
        Objects.requireNonNull(question, "question");
        requireOneAnswerPerQuestion(question.latestChecklistAnswers());
        List<Object> facts = new ArrayList<>(question.latestChecklistAnswers());
        facts.add(new PathwayOpening(question.pathwayCode(), question.openingFields()));
        List<IneligibilityReason> reasons = rules.evaluate(facts).ofType(IneligibilityReason.class);

        return new EligibilityDecision(reasons.isEmpty(), reasons, rules.version());
    }

    private static void requireOneAnswerPerQuestion(List<ChecklistAnswer> answers) {
        Set<String> seen = new HashSet<>();
        for (ChecklistAnswer answer : answers) {
            if (!seen.add(answer.getQuestion())) {
                throw new IllegalArgumentException("Question " + answer.getQuestion() + " is answered more than once");
            }
        }
    }
}
