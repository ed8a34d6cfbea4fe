package org.communityhub.engine.pathway;

import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyScope;
import org.communityhub.engine.support.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads pathways in the caller's scope. */
@Service
public class PathwayQueries {

  private final Pathways pathways;

  PathwayQueries(Pathways pathways) {
    this.pathways = pathways;
  }

  @Transactional(readOnly = true)
  public Pathway find(UUID pathwayId, Actor actor) {
    Pathway pathway = pathways.findById(pathwayId).orElseThrow(() -> new NotFound("Pathway", pathwayId));
    AgencyScope.check(actor, pathway.agencyId(), "Pathway", pathwayId);
    pathway.steps().size(); // the caller renders the steps after the transaction
    return pathway;
  }

  /** For the engine's side: the pathway and its steps, without a caller's scope. */
  @Transactional(readOnly = true)
  public Pathway forEngine(UUID pathwayId) {
    Pathway pathway = pathways.findById(pathwayId)
        .orElseThrow(() -> new IllegalStateException("Unknown pathway " + pathwayId));
    pathway.steps().size();
    return pathway;
  }
}
