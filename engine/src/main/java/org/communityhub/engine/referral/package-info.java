/** Referrals partners send to the HUB: pending until the receiving agency accepts (enrolls and opens the pathway) or rejects them. */
package org.communityhub.engine.referral;
