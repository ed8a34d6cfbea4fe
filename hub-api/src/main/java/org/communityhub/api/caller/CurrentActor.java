package org.communityhub.api.caller;

import org.communityhub.engine.agency.Actor;
import org.springframework.stereotype.Component;

/**
 * The actor of the current request. Until authentication lands (users, agencies and tokens), every request
 * acts for the seeded care coordination agency, and the server listens on loopback only.
 */
@Component
public class CurrentActor {

  public Actor get() {
    return new Actor(Actor.DEFAULT_AGENCY, "local");
  }
}
