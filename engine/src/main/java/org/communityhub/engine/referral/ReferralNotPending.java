package org.communityhub.engine.referral;

import java.util.UUID;
import org.communityhub.engine.support.HubException;

/** The referral was already accepted or rejected: a decision is made once. */
public class ReferralNotPending extends HubException {

  ReferralNotPending(UUID referralId, ReferralStatus status) {
    super(Kind.CONFLICT, "Referral " + referralId + " is already " + status.name().toLowerCase(java.util.Locale.ROOT));
  }
}
