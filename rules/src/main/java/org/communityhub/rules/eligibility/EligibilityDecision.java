package org.communityhub.rules.eligibility;

import java.util.List;

/** Eligible exactly when no rule gave a reason against; with the rule package version that decided. */
public record EligibilityDecision(boolean eligible, List<IneligibilityReason> reasons, String rulePackageVersion) {

    public EligibilityDecision {
        reasons = List.copyOf(reasons);
    }
}
