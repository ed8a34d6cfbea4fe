package org.communityhub.engine.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.agency.Agency;
import org.communityhub.engine.support.HubException;

/**
 * The registration matches clients already in the registry. The caller learns the ids of the candidates
 * they may see, and for the others only which agency to coordinate with, never that agency's data.
 */
public class DuplicateClient extends HubException {

  private final List<UUID> candidates;
  private final List<Agency> enrolledWith;
  private final boolean overridable;

  DuplicateClient(List<UUID> candidates, List<Agency> enrolledWith, boolean overridable) {
    super(Kind.CONFLICT, overridable
        ? "Probable duplicate: a client with the same name and birth date or phone is registered."
            + " Check the candidates, or register anyway with duplicateOverrideReason."
        : "A client with this Medicaid id is already registered.");
    this.candidates = List.copyOf(candidates);
    this.enrolledWith = List.copyOf(enrolledWith);
    this.overridable = overridable;
  }

  public List<UUID> candidates() {
    return candidates;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("candidates", candidates,
        "enrolledWith", enrolledWith.stream()
            .map(agency -> Map.of("agencyId", agency.id(), "agencyName", agency.name()))
            .toList(),
        "overridable", overridable);
  }
}
