package org.communityhub.rules.risk;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.Decision;
import org.communityhub.rules.EvaluatedFacts;
import org.communityhub.rules.RuleEvaluationFailed;
import org.communityhub.rules.RulePackage;
import org.communityhub.rules.RulePackageRegistry;

/** Scores a checklist with the RISK package active at the moment of the call. */
public final class RiskScoring {

    private final RulePackageRegistry registry;

    public RiskScoring(RulePackageRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @throws IllegalArgumentException        when a question is answered twice (it would count twice)
     * @throws org.communityhub.rules.NoActiveRulePackage when no RISK package is active
     * @throws RuleEvaluationFailed            when the package fails or yields no single score and tier
     */
    public RiskAssessment assess(List<ChecklistAnswer> answers) {
        return assess(registry.activePackage(Decision.RISK), answers);
    }

    /**
     * What a compiled version, active or not, would decide: for dry runs. Nothing is recorded anywhere.
     *
     * @throws IllegalArgumentException when the version was never compiled, or a question is answered twice
     */
    public RiskAssessment assessUnder(String version, List<ChecklistAnswer> answers) {
        return assess(registry.compiledPackage(Decision.RISK, version), answers);
    }

    private static RiskAssessment assess(RulePackage rules, List<ChecklistAnswer> answers) {
        requireOneAnswerPerQuestion(answers);
        EvaluatedFacts facts = rules.evaluate(answers);

        RiskScore score = exactlyOne(rules, facts.ofType(RiskScore.class), "risk score");
        TierAssignment tier = exactlyOne(rules, facts.ofType(TierAssignment.class), "risk tier");
        // Two rules may recommend the same pathway; the first to fire is the one on record.
        Map<String, PathwayRecommendation> recommendations = new LinkedHashMap<>();
        facts.ofType(PathwayRecommendation.class).forEach(r -> recommendations.putIfAbsent(r.pathwayCode(), r));

        return new RiskAssessment(score.score(), tier.tier(), List.copyOf(recommendations.values()),
                facts.ofType(RiskPoint.class), rules.version());
    }

    private static <T> T exactlyOne(RulePackage rules, List<T> found, String what) {
        if (found.size() != 1) {
            throw new RuleEvaluationFailed(Decision.RISK, rules.version(),
                    "expected exactly one " + what + " but the rules produced " + found);
        }
        return found.getFirst();
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
