package org.communityhub.engine.pathway;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyScope;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.communityhub.pathways.CloseReason;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A CHW's request to finish a pathway incomplete. The request is recorded at once and the pathway takes no
 * more steps; the pathway's process finishes it and reports back, which closes the aggregate. Asking again
 * with the same reason is harmless.
 */
@Service
public class PathwayClosing {

  private final Pathways pathways;
  private final DefinitionPublishing definitions;
  private final ApplicationEventPublisher events;

  PathwayClosing(Pathways pathways, DefinitionPublishing definitions, ApplicationEventPublisher events) {
    this.pathways = pathways;
    this.definitions = definitions;
    this.events = events;
  }

  public record CloseRequest(@NotNull CloseReason reason, @Size(max = 2000) String note) {}

  @Transactional
  public Pathway requestClose(UUID pathwayId, CloseRequest request, Long expectedRevision, Actor actor) {
    Pathway pathway = pathways.lockById(pathwayId).orElseThrow(() -> new NotFound("Pathway", pathwayId));
    AgencyScope.check(actor, pathway.agencyId(), "Pathway", pathwayId);
    pathway.requireRevision(expectedRevision);
    requireAllowedByDefinition(pathway, request.reason());
    boolean alreadyRequested = pathway.closeRequestedReason() == request.reason();
    pathway.requestClose(request.reason());
    if (!alreadyRequested) {
      events.publishEvent(new PathwayEvents.PathwayCloseRequested(pathway.id(), request.reason(),
          pathway.deadline()));
    }
    return pathways.save(pathway);
  }

  /** Each pathway version names its close reasons; its process routes only those. */
  private void requireAllowedByDefinition(Pathway pathway, CloseReason reason) {
    PathwayDescriptor descriptor = definitions.version(pathway.definitionId()).descriptor();
    if (!descriptor.closeReasonCodes().contains(reason)) {
      throw new InvalidInput("reason", "not a close reason of the " + descriptor.code() + " pathway; it allows "
          + descriptor.closeReasonCodes().stream().filter(CloseReason::requestable).toList());
    }
  }
}
