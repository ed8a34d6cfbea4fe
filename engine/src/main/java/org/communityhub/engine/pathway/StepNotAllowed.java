package org.communityhub.engine.pathway;

import org.communityhub.engine.support.HubException;

/** The pathway's state does not allow this step now: it is closed, or a prerequisite is missing. */
public class StepNotAllowed extends HubException {

  StepNotAllowed(String reason) {
    super(Kind.CONFLICT, reason);
  }
}
