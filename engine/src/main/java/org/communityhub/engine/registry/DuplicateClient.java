package org.communityhub.engine.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.support.HubException;

/** The registration matches clients already in the registry; the candidates' ids go back to the caller. */
public class DuplicateClient extends HubException {

  private final List<UUID> candidates;
  private final boolean overridable;

  DuplicateClient(List<UUID> candidates, boolean overridable) {
    super(Kind.CONFLICT, overridable
        ? "Probable duplicate: a client with the same name and birth date or phone is registered."
            + " Check the candidates, or register anyway with duplicateOverrideReason."
        : "A client with this Medicaid id is already registered.");
    this.candidates = List.copyOf(candidates);
    this.overridable = overridable;
  }

  public List<UUID> candidates() {
    return candidates;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("candidates", candidates, "overridable", overridable);
  }
}
