package org.communityhub.engine.agency;

import org.communityhub.engine.support.HubException;

/** The caller's role may not do this at all (as opposed to an object they may not see: that is NotFound). */
public class Forbidden extends HubException {

  public Forbidden(String reason) {
    super(Kind.FORBIDDEN, reason);
  }
}
