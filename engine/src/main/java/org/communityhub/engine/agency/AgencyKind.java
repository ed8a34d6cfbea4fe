package org.communityhub.engine.agency;

/** The HUB itself, the care coordination agencies that employ CHWs, and the payers that fund outcomes. */
public enum AgencyKind { HUB, CARE_COORDINATION_AGENCY, PAYER }
