package org.communityhub.engine.pathway;

import java.util.UUID;
import org.communityhub.engine.support.HubException;

/** The step is already void: a step is voided once (a retry with the same Idempotency-Key gets the first answer). */
public class StepAlreadyVoided extends HubException {

  StepAlreadyVoided(UUID stepId) {
    super(Kind.CONFLICT, "Step " + stepId + " is already void");
  }
}
