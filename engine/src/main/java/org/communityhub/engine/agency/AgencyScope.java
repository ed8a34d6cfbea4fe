package org.communityhub.engine.agency;

import java.util.UUID;
import org.communityhub.engine.support.NotFound;

/**
 * The rule that a caller sees only the objects their role and agency allow. Another agency's object is
 * answered as "not found", so that a caller cannot even learn that it exists.
 */
public final class AgencyScope {

  private AgencyScope() {}

  public static void check(Actor actor, UUID ownerAgency, String what, Object id) {
    if (!actor.maySeeClientsOf(ownerAgency)) {
      throw new NotFound(what, id);
    }
  }
}
