package org.communityhub.rules.risk;

/** The total score, inserted once by the risk DRL after every point is in; tier rules match on it. */
public record RiskScore(int score) {
}
