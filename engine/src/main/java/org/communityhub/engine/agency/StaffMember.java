package org.communityhub.engine.agency;

import java.util.UUID;

/** A member of staff as the HUB knows them (never with their password hash). */
public record StaffMember(UUID id, String username, Role role, UUID agencyId, boolean active, int tokenVersion) {

  public Actor asActor() {
    return new Actor(id, username, role, agencyId);
  }
}
