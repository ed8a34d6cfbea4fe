package org.communityhub.rules.payment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.communityhub.rules.Decision;
import org.communityhub.rules.RuleEvaluationFailed;
import org.communityhub.rules.RulePackage;
import org.communityhub.rules.RulePackageRegistry;

/** Decides which milestone a pathway event earns with the PAYMENT package active at the moment of the call. */
public final class PaymentMilestones {

    private final RulePackageRegistry registry;

    public PaymentMilestones(RulePackageRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @throws org.communityhub.rules.NoActiveRulePackage when no PAYMENT package is active
     * @throws RuleEvaluationFailed when the package fails or earns more than one milestone for the event
     */
    public MilestoneDecision evaluate(PathwayEvent event) {
        return evaluate(registry.activePackage(Decision.PAYMENT), event);
    }

    /**
     * What a compiled version, active or not, would decide: for dry runs. Nothing is recorded anywhere.
     *
     * @throws IllegalArgumentException when the version was never compiled here
     */
    public MilestoneDecision evaluateUnder(String version, PathwayEvent event) {
        return evaluate(registry.compiledPackage(Decision.PAYMENT, version), event);
    }

    private static MilestoneDecision evaluate(RulePackage rules, PathwayEvent event) {
        Objects.requireNonNull(event, "event");
        List<EarnedMilestone> earned = rules.evaluate(List.of(event)).ofType(EarnedMilestone.class);
        // Paying twice for one event is worse than failing loudly: the package should use an activation-group.
        if (earned.size() > 1) {
            throw new RuleEvaluationFailed(Decision.PAYMENT, rules.version(),
                    "more than one milestone for " + event + ": " + earned);
        }
        return new MilestoneDecision(earned.stream().findFirst(), rules.version());
    }
}
