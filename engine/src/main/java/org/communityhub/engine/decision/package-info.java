/** Wiring of the Drools decisions (risk, eligibility, payment milestones) into the application. */
package org.communityhub.engine.decision;
