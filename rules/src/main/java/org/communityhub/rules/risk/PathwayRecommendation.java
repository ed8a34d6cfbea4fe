package org.communityhub.rules.risk;

/** A pathway the checklist calls for; ruleName = the DRL rule that recommended it. Rules insert it as a fact. */
public record PathwayRecommendation(String pathwayCode, String ruleName) {
}
