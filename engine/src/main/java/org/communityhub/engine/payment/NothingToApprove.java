package org.communityhub.engine.payment;

import java.util.UUID;
import org.communityhub.engine.support.HubException;

/** The pathway has no outcome awaiting approval: not confirmed yet, or its contract bills without approval. */
public class NothingToApprove extends HubException {

  NothingToApprove(UUID pathwayId) {
    super(Kind.CONFLICT, "No outcome of pathway " + pathwayId + " awaits approval: its outcome is not confirmed "
        + "yet, or the contract that priced it bills without approval");
  }
}
