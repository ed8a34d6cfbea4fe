/** Which payment milestone and outcome variant a pathway event earns; amounts live in payer contracts, never here. */
package org.communityhub.rules.payment;
