package org.communityhub.api.fhir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.checklist.Checklist;
import org.communityhub.engine.consent.ConsentCategory;
import org.communityhub.engine.consent.ConsentRegistry;
import org.communityhub.engine.support.NotFound;
import org.communityhub.engine.checklist.ChecklistScoring;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayQueries;
import org.communityhub.engine.registry.Client;
import org.communityhub.engine.registry.ClientRegistry;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads a client's record in the caller's scope, for the FHIR mappings. */
@Component
class FhirRecords {

  private final ClientRegistry registry;
  private final ChecklistScoring checklists;
  private final PathwayQueries pathways;
  private final DefinitionPublishing definitions;
  private final ConsentRegistry consents;

  FhirRecords(ClientRegistry registry, ChecklistScoring checklists, PathwayQueries pathways,
      DefinitionPublishing definitions, ConsentRegistry consents) {
    this.consents = consents;
    this.registry = registry;
    this.checklists = checklists;
    this.pathways = pathways;
    this.definitions = definitions;
  }

  /**
   * The client's whole record; another agency's client is not found (404). A partner reads it only with the
   * client's active consent naming its organisation, and the substance use data only if the consent names it.
   */
  @Transactional(readOnly = true)
  ClientRecord of(UUID clientId, Actor actor) {
    if (actor.role() == Role.PARTNER) {
      Set<ConsentCategory> shared = consents.sharedWith(clientId, actor.agencyId());
      ClientRecord record = record(consents.sharedClient(clientId, actor.agencyId()),
          checklists.ofSharedClient(clientId));
      return shared.contains(ConsentCategory.SUBSTANCE_USE) ? record : record.without(FhirCodes.SUBSTANCE_USE);
    }
    return record(registry.find(clientId, actor), checklists.ofClient(clientId, actor));
  }

  private ClientRecord record(Client client, List<Checklist> newestFirst) {
    UUID clientId = client.id();
    List<ClientRecord.AnsweredChecklist> answered = newestFirst.reversed().stream()
        .map(checklist -> new ClientRecord.AnsweredChecklist(checklist, checklists.signalledRiskFactors(checklist),
            checklists.answeredDefinition(checklist)))
        .toList();
    List<Pathway> ofClient = pathways.ofVisibleClient(clientId);
    Map<UUID, PathwayDescriptor> descriptors = new HashMap<>();
    ofClient.forEach(pathway -> descriptors.computeIfAbsent(pathway.definitionId(),
        id -> definitions.version(id).descriptor()));
    return new ClientRecord(client, answered, ofClient, descriptors);
  }

  /** The client a checklist belongs to, in the caller's scope (a partner's is checked when the record is read). */
  UUID clientOfChecklist(UUID checklistId, Actor actor) {
    if (actor.role() == Role.PARTNER) {
      return checklists.clientOf(checklistId).orElseThrow(() -> new NotFound("Checklist", checklistId));
    }
    return checklists.find(checklistId, actor).clientId();
  }

  /** The client a pathway belongs to, in the caller's scope (a partner's is checked when the record is read). */
  UUID clientOfPathway(UUID pathwayId, Actor actor) {
    if (actor.role() == Role.PARTNER) {
      return pathways.clientOf(pathwayId).orElseThrow(() -> new NotFound("Pathway", pathwayId));
    }
    return pathways.find(pathwayId, actor).clientId();
  }

  /** The client a step's pathway belongs to, in the caller's scope (a partner's is checked when the record is read). */
  UUID clientOfStep(UUID stepId, Actor actor) {
    if (actor.role() == Role.PARTNER) {
      return pathways.clientOf(stepId).orElseThrow(() -> new NotFound("Step", stepId));
    }
    return pathways.ofStep(stepId, actor).clientId();
  }

  /**
   * A referral's pathway as its Task needs it, for whoever may see the referral (its partner reads the
   * closed loop of its own referral without a consent: the pathway's progress, not the client's record).
   */
  @Transactional(readOnly = true)
  ClientRecord ofReferredPathway(UUID pathwayId) {
    Pathway pathway = pathways.forEngine(pathwayId);
    return new ClientRecord(null, List.of(), List.of(pathway),
        Map.of(pathway.definitionId(), definitions.version(pathway.definitionId()).descriptor()));
  }
}
