package org.communityhub.engine.pathway;

import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.support.HubException;

/** The client already has this pathway open somewhere in the HUB. */
public class PathwayAlreadyOpen extends HubException {

  private final UUID openPathway;

  PathwayAlreadyOpen(String code, UUID openPathway) {
    super(Kind.CONFLICT, "The client already has an open " + code + " pathway in the HUB");
    this.openPathway = openPathway;
  }

  @Override
  public Map<String, Object> properties() {
    return openPathway == null ? Map.of() : Map.of("openPathway", openPathway);
  }
}
