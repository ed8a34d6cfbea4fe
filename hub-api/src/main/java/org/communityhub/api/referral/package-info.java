/** The receiving agency's side of partners' referrals: the pending list, accept (enroll and open) and reject. */
package org.communityhub.api.referral;
