package org.communityhub.rules.risk;

/** Points one rule added to the score: how the score was built. Rules insert it as a fact. */
public record RiskPoint(int points, String ruleName) {
}
