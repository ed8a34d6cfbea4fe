package org.communityhub.engine.agency;

/**
 * The HUB itself, the care coordination agencies that employ CHWs, the payers that fund outcomes, and the
 * partners (health systems, EHRs, referral platforms) that refer clients and read them back over FHIR.
 */
public enum AgencyKind { HUB, CARE_COORDINATION_AGENCY, PAYER, PARTNER }
