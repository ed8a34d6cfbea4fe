package org.communityhub.rules.risk;

/** The tier a rule gave the score. Exactly one per assessment, or the package is faulty. */
public record TierAssignment(RiskTier tier, String ruleName) {
}
