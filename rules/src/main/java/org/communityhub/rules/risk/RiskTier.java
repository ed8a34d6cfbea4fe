package org.communityhub.rules.risk;

/** How urgently a client needs care coordination; the cut-offs live in the risk DRL. */
public enum RiskTier {
    LOW,
    MEDIUM,
    HIGH
}
