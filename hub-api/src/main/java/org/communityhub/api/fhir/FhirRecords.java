package org.communityhub.api.fhir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
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

  FhirRecords(ClientRegistry registry, ChecklistScoring checklists, PathwayQueries pathways,
      DefinitionPublishing definitions) {
    this.registry = registry;
    this.checklists = checklists;
    this.pathways = pathways;
    this.definitions = definitions;
  }

  /** The client's whole record; another agency's client is not found (404). */
  @Transactional(readOnly = true)
  ClientRecord of(UUID clientId, Actor actor) {
    Client client = registry.find(clientId, actor);
    List<ClientRecord.AnsweredChecklist> answered = checklists.ofClient(clientId, actor).reversed().stream()
        .map(checklist -> new ClientRecord.AnsweredChecklist(checklist, checklists.signalledRiskFactors(checklist),
            checklists.answeredDefinition(checklist)))
        .toList();
    List<Pathway> ofClient = pathways.ofVisibleClient(clientId);
    Map<UUID, PathwayDescriptor> descriptors = new HashMap<>();
    ofClient.forEach(pathway -> descriptors.computeIfAbsent(pathway.definitionId(),
        id -> definitions.version(id).descriptor()));
    return new ClientRecord(client, answered, ofClient, descriptors);
  }

  /** The client a checklist belongs to, in the caller's scope. */
  UUID clientOfChecklist(UUID checklistId, Actor actor) {
    return checklists.find(checklistId, actor).clientId();
  }

  /** The client a pathway belongs to, in the caller's scope. */
  UUID clientOfPathway(UUID pathwayId, Actor actor) {
    return pathways.find(pathwayId, actor).clientId();
  }

  /** The client a step's pathway belongs to, in the caller's scope. */
  UUID clientOfStep(UUID stepId, Actor actor) {
    return pathways.ofStep(stepId, actor).clientId();
  }
}
