package org.communityhub.rules;

/** Thrown by a facade when the decision has no active package. */
public class NoActiveRulePackage extends RuntimeException {

    private final Decision decision;

    public NoActiveRulePackage(Decision decision) {
        super("No rule package is active for " + decision);
        this.decision = decision;
    }

    public Decision decision() {
        return decision;
    }
}
