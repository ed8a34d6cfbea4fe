package org.communityhub.rules;

import java.util.Optional;

/**
 * An active rule package failed on real facts: a rule threw, rules kept re-triggering each other, or the
 * package did not produce what its decision needs (e.g. no risk tier). Drools' own exceptions stay behind it.
 */
public class RuleEvaluationFailed extends RuntimeException {

    private final Decision decision;
    private final String version;
    private final String ruleName;

    public RuleEvaluationFailed(Decision decision, String version, String ruleName, String message, Throwable cause) {
        super(decision + " rule package " + version + ": " + message, cause);
        this.decision = decision;
        this.version = version;
        this.ruleName = ruleName;
    }

    public RuleEvaluationFailed(Decision decision, String version, String message) {
        this(decision, version, null, message, null);
    }

    public Decision decision() {
        return decision;
    }

    public String version() {
        return version;
    }

    /** The rule at fault, when it is known. */
    public Optional<String> ruleName() {
        return Optional.ofNullable(ruleName);
    }
}
