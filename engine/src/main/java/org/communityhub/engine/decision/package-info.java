/**
 * The Drools decisions (risk, eligibility, payment milestones) in the application: their facades, the rule
 * packages HUB administrators upload, activate and try before activating, and the version in force per
 * decision, kept in PostgreSQL and followed by every instance.
 */
package org.communityhub.engine.decision;
