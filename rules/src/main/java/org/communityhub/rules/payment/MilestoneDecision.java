package org.communityhub.rules.payment;

import java.util.Objects;
import java.util.Optional;

/** The milestone an event earned, if any, with the rule package version that decided. */
public record MilestoneDecision(Optional<EarnedMilestone> earned, String rulePackageVersion) {

    public MilestoneDecision {
        Objects.requireNonNull(earned, "earned");
    }
}
