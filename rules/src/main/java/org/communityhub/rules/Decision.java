package org.communityhub.rules;

/** The decisions the HUB delegates to rule packages; each has its own versions and one active package. */
public enum Decision {
    RISK,
    ELIGIBILITY,
    PAYMENT
}
