/** Outcome metrics for funders: de-identified counts and rates per pathway and agency, small cells suppressed. */
package org.communityhub.engine.outcome;
