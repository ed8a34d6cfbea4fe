package org.communityhub.engine.agency;

import java.util.UUID;

/**
 * Who makes a request: a member of staff, their role and their agency. Every read and write of client data
 * is scoped by it; the HTTP layer resolves it from the caller's token.
 */
public record Actor(UUID userId, String username, Role role, UUID agencyId) {

  /** The HUB's own agency, seeded by the first migration. */
  public static final UUID HUB_AGENCY = UUID.fromString("00000000-0000-0000-0000-000000000001");

  /** Whether this actor may see client data owned by that agency. Funders never see client records. */
  public boolean maySeeClientsOf(UUID ownerAgency) {
    return switch (role) {
      case HUB_ADMIN -> true;
      case SUPERVISOR, CHW -> agencyId.equals(ownerAgency);
      case FUNDER, PARTNER -> false; // a partner reads a client only through a consent (FhirRecords)
    };
  }
}
