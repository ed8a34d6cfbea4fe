package org.communityhub.rules.payment;

/**
 * What an event earned: a milestone code (SERVICE_CONFIRMED, OUTCOME_CONFIRMED) and an outcome variant
 * (STANDARD, HEALTHY_BIRTH_WEIGHT, LOW_BIRTH_WEIGHT). How much it pays is the payer contract's business.
 * Rules insert it as a fact.
 */
public record EarnedMilestone(String milestone, String outcomeVariant, String ruleName) {
}
