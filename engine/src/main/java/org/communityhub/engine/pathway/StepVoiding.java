package org.communityhub.engine.pathway;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyScope;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.NotFound;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections: a supervisor or HUB administrator voids a step entered in error. In one transaction under the
 * pathway's lock, the step is marked void, the pathway recomputed (and reopened if the step had closed it),
 * the payments the step earned reversed, and, when the pathway is open, the engine told to run it again from
 * its valid steps on a new process instance (the one that consumed the voided step no longer matches).
 */
@Service
public class StepVoiding {

  private final Pathways pathways;
  private final DefinitionPublishing definitions;
  private final ApplicationEventPublisher events;
  private final HubClock clock;

  StepVoiding(Pathways pathways, DefinitionPublishing definitions, ApplicationEventPublisher events,
      HubClock clock) {
    this.pathways = pathways;
    this.definitions = definitions;
    this.events = events;
    this.clock = clock;
  }

  /** Why the step is void, in words a reviewer of the history understands. */
  public record VoidRequest(@NotBlank @Size(max = 2000) String reason) {}

  /**
   * With {@code expectedRevision} (the If-Match of the request) the pathway must not have changed since the
   * caller read it. Another agency's step answers 404, as if it did not exist.
   */
  @Transactional
  public Pathway voidStep(UUID stepId, VoidRequest request, Long expectedRevision, Actor actor) {
    if (actor.role() != Role.SUPERVISOR && actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden("Only a supervisor or a HUB administrator voids a step");
    }
    UUID pathwayId = pathways.idOfStep(stepId).orElseThrow(() -> new NotFound("Step", stepId));
    Pathway pathway = pathways.lockById(pathwayId).orElseThrow(() -> new NotFound("Step", stepId));
    AgencyScope.check(actor, pathway.agencyId(), "Step", stepId);
    pathway.requireRevision(expectedRevision);
    PathwayDescriptor descriptor = definitions.version(pathway.definitionId()).descriptor();
    Long runningInstance = pathway.status() == PathwayStatus.ACTIVE ? pathway.processInstanceKey() : null;
    Optional<Pathway> openedSince = pathway.status() == PathwayStatus.ACTIVE ? Optional.empty()
        : pathways.findByClientIdAndCodeAndTypeCodeAndStatus(pathway.clientId(), pathway.code(),
            pathway.typeCode(), PathwayStatus.ACTIVE);

    Pathway.Correction correction = pathway.voidStep(stepId, descriptor, actor.username(),
        request.reason().strip(), clock.now());
    if (correction.reopened() && openedSince.isPresent()) {
      // One open pathway per client, code and type: the reopened one may not stand beside one opened since.
      throw new StepNotAllowed("Voiding this step would reopen the pathway, but the client has another "
          + pathway.code() + " pathway open (" + openedSince.get().id() + "): close that one first");
    }
    pathways.saveAndFlush(pathway); // the step row is locked from here on: its payment job waits, then sees it void
    events.publishEvent(new PathwayEvents.StepVoided(pathway.id(), stepId,
        pathway.status() == PathwayStatus.ACTIVE, runningInstance));
    return pathway;
  }
}
