package org.communityhub.engine.pathway;

import java.util.List;
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

  /** The client's pathways with their steps, oldest first; the caller has checked it may see the client. */
  @Transactional(readOnly = true)
  public List<Pathway> ofVisibleClient(UUID clientId) {
    List<Pathway> found = pathways.findByClientIdOrderByOpenedAtAscIdAsc(clientId);
    found.forEach(pathway -> pathway.steps().size());
    return found;
  }

  /** The pathway a step was recorded on, in the caller's scope (an unknown step is not found either). */
  @Transactional(readOnly = true)
  public Pathway ofStep(UUID stepId, Actor actor) {
    UUID pathwayId = pathways.idOfStep(stepId).orElseThrow(() -> new NotFound("Step", stepId));
    Pathway pathway = pathways.findById(pathwayId).orElseThrow(() -> new NotFound("Step", stepId));
    AgencyScope.check(actor, pathway.agencyId(), "Step", stepId);
    pathway.steps().size();
    return pathway;
  }

  /** The client a pathway (or the pathway a step) belongs to, whoever asks: for a caller that checks its own right. */
  @Transactional(readOnly = true)
  public java.util.Optional<UUID> clientOf(UUID pathwayOrStepId) {
    return pathways.findById(pathwayOrStepId)
        .or(() -> pathways.idOfStep(pathwayOrStepId).flatMap(pathways::findById))
        .map(Pathway::clientId);
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
