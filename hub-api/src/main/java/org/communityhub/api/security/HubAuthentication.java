package org.communityhub.api.security;

import java.util.List;
import org.communityhub.engine.agency.Actor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a valid token of an active member: the actor, with their role as authority. */
final class HubAuthentication extends AbstractAuthenticationToken {

  private final Actor actor;

  HubAuthentication(Actor actor) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
    this.actor = actor;
    setAuthenticated(true);
  }

  Actor actor() {
    return actor;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return actor.username();
  }
}
