package org.communityhub.engine.consent;

/**
 * What a consent shares. SOCIAL_CARE is the record but its sensitive parts; SUBSTANCE_USE adds the
 * substance use risk factor and pathways (42 CFR Part 2 data in the US), shared only when named.
 */
public enum ConsentCategory { SOCIAL_CARE, SUBSTANCE_USE }
