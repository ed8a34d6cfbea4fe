/** Whether a client may open a given pathway, with the rule and reason behind every refusal. */
package org.communityhub.rules.eligibility;
