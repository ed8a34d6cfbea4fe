package org.communityhub.engine.agency;

import org.communityhub.engine.support.HubException;

/** A login that does not match an active member. It does not say which part was wrong. */
public class BadCredentials extends HubException {

  public BadCredentials() {
    super(Kind.UNAUTHENTICATED, "Unknown user, wrong password, or a deactivated user");
  }
}
