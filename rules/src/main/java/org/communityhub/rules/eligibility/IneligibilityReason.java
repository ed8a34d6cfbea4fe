package org.communityhub.rules.eligibility;

/** Why a pathway may not be opened, and which rule said so. Rules insert it as a fact. */
public record IneligibilityReason(String ruleName, String reason) {
}
