package org.communityhub.engine.pathway;

import java.util.UUID;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.support.HubClock;
import org.communityhub.pathways.CloseReason;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pathway's process reports back: which instance runs it, and how it ended. Each call is
 * idempotent, because the engine delivers every job at least once.
 */
@Service
public class PathwayOutcomes {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PathwayOutcomes.class);

  private final Pathways pathways;
  private final DefinitionPublishing definitions;
  private final HubClock clock;

  PathwayOutcomes(Pathways pathways, DefinitionPublishing definitions, HubClock clock) {
    this.definitions = definitions;
    this.pathways = pathways;
    this.clock = clock;
  }

  /** False when another process instance already runs this pathway: the caller must end its own. */
  @Transactional
  public boolean claimInstance(UUID pathwayId, long processInstanceKey, long processDefinitionKey) {
    Pathway pathway = lock(pathwayId);
    Long pinned = definitions.version(pathway.definitionId()).engineKey();
    if (pinned == null || pinned != processDefinitionKey) {
      // Never expected: the outbox starts a pathway by its version's key. Failing the job makes it an incident.
      throw new IllegalStateException("Pathway " + pathwayId + " opened on definition key " + pinned
          + " but runs on " + processDefinitionKey);
    }
    return pathway.claimInstance(processInstanceKey);
  }

  /** Ignored from an instance that no longer runs the pathway (handed over after a void, being cancelled). */
  @Transactional
  public void complete(UUID pathwayId, long processInstanceKey, String outcomeVariant) {
    Pathway pathway = lock(pathwayId);
    if (runBy(pathway, processInstanceKey)) {
      pathway.complete(outcomeVariant, clock.now());
    }
  }

  /** Ignored from an instance that no longer runs the pathway (handed over after a void, being cancelled). */
  @Transactional
  public void finishIncomplete(UUID pathwayId, long processInstanceKey, CloseReason reason) {
    Pathway pathway = lock(pathwayId);
    if (runBy(pathway, processInstanceKey)) {
      pathway.finishIncomplete(reason, clock.now());
    }
  }

  private static boolean runBy(Pathway pathway, long processInstanceKey) {
    if (pathway.processInstanceKey() == null || pathway.processInstanceKey() != processInstanceKey) {
      log.info("Pathway {} is run by instance {}, not {}: its report is ignored", pathway.id(),
          pathway.processInstanceKey(), processInstanceKey);
      return false;
    }
    return true;
  }

  private Pathway lock(UUID pathwayId) {
    return pathways.lockById(pathwayId)
        .orElseThrow(() -> new IllegalStateException("The engine reported on unknown pathway " + pathwayId));
  }
}
