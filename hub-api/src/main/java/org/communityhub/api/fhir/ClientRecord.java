package org.communityhub.api.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.communityhub.engine.checklist.Checklist;
import org.communityhub.engine.checklist.ChecklistDefinition;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.registry.Client;
import org.communityhub.pathways.PathwayDescriptor;

/**
 * What the HUB knows of one client, as the FHIR resources are made from it: the registry record, the
 * checklists (each with the risk factors its answers signalled and the questions it answered) and the
 * pathways with their steps and definitions.
 */
record ClientRecord(Client client, List<AnsweredChecklist> checklists, List<Pathway> pathways,
    Map<UUID, PathwayDescriptor> descriptors, Set<String> withheld) {

  ClientRecord(Client client, List<AnsweredChecklist> checklists, List<Pathway> pathways,
      Map<UUID, PathwayDescriptor> descriptors) {
    this(client, checklists, pathways, descriptors, Set.of());
  }

  /** A checklist with the risk factors it signalled and the definition version it answered. */
  record AnsweredChecklist(Checklist checklist, List<String> riskFactors, Optional<ChecklistDefinition> definition) {}

  PathwayDescriptor descriptorOf(Pathway pathway) {
    return descriptors.get(pathway.definitionId());
  }

  Optional<Pathway> pathway(UUID id) {
    return pathways.stream().filter(pathway -> pathway.id().equals(id)).findFirst();
  }

  /**
   * The record without a category of data, for a consent that leaves it out: the risk factor, its pathways,
   * and the answers to the questions that signal it.
   */
  ClientRecord without(String riskFactor) {
    return new ClientRecord(client,
        checklists.stream().map(answered -> new AnsweredChecklist(answered.checklist(),
            answered.riskFactors().stream().filter(factor -> !factor.equals(riskFactor)).toList(),
            answered.definition())).toList(),
        pathways.stream().filter(pathway -> !pathway.code().equals(riskFactor)).toList(),
        descriptors, java.util.stream.Stream.concat(withheld.stream(), java.util.stream.Stream.of(riskFactor))
            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
  }
}
