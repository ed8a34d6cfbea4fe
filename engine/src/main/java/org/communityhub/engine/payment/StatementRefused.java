package org.communityhub.engine.payment;

import org.communityhub.engine.support.HubException;

/** The statement is not in a state for this: closing out of month order, an export of an open statement. */
public class StatementRefused extends HubException {

  StatementRefused(String reason) {
    super(Kind.CONFLICT, reason);
  }
}
