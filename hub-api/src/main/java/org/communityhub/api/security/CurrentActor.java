package org.communityhub.api.security;

import org.communityhub.engine.agency.Actor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The actor of the current request, as the token named them. */
@Component
public class CurrentActor {

  /** The actor, if the request carries a valid token. */
  public java.util.Optional<Actor> find() {
    return SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication authenticated
        ? java.util.Optional.of(authenticated.actor()) : java.util.Optional.empty();
  }

  public Actor get() {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication authenticated) {
      return authenticated.actor();
    }
    throw new IllegalStateException("No authenticated actor: the endpoint must not be public");
  }
}
