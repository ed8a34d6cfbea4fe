package org.communityhub.engine.referral;

/** A referral waits for the receiving agency, which accepts it (a client and a pathway) or rejects it (a reason). */
public enum ReferralStatus { PENDING, ACCEPTED, REJECTED }
