package org.communityhub.engine.agency;

import java.util.UUID;

/**
 * Who makes a request and for which agency. Every read and write of client data is scoped by the actor's
 * agency; the HTTP layer resolves it from the caller.
 */
public record Actor(UUID agencyId, String username) {

  /** The care coordination agency seeded at first start (V1 migration). */
  public static final UUID DEFAULT_AGENCY = UUID.fromString("00000000-0000-0000-0000-000000000002");
}
