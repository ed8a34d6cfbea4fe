package org.communityhub.engine.pathway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.support.HubClock;
import org.communityhub.pathways.CloseReason;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a rebuild of engine state needs from the pathways: which are open, and, for one of them, its hand-over
 * to a new process instance with everything the engine must hear again — the start on the pathway's own
 * definition version with its original deadline, its recorded steps in order (voided ones left out), and a
 * pending close request. Used by a rebuild of engine state and by a correction (a voided step).
 */
@Service
public class PathwayReplays {

  private final Pathways pathways;
  private final DefinitionPublishing definitions;
  private final HubClock clock;

  PathwayReplays(Pathways pathways, DefinitionPublishing definitions, HubClock clock) {
    this.pathways = pathways;
    this.definitions = definitions;
    this.clock = clock;
  }

  /** An open pathway: its definition version, and the process instance that ran it, if one claimed it. */
  public record OpenPathway(UUID id, UUID definitionId, Long processInstanceKey) {}

  /** A pathway's history as the engine must hear it again, in the order it was recorded. */
  public record Replay(UUID pathwayId, UUID definitionId, Instant deadline, List<StepReplay> steps,
      CloseReason closeRequested) {}

  /** A recorded step: its message and the variables its descriptor sends to the process. */
  public record StepReplay(UUID stepId, String messageName, Map<String, Object> processVariables) {}

  @Transactional(readOnly = true)
  public List<OpenPathway> openPathways() {
    return pathways.openPathways();
  }

  /**
   * Hands an open pathway over to the next process instance that claims it and returns its replay; empty
   * when the pathway closed meanwhile. Runs in the caller's transaction, under the pathway's lock, so that a
   * step recorded concurrently is either in the replay or announced after it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Replay> handOver(UUID pathwayId) {
    Pathway pathway = pathways.lockById(pathwayId)
        .orElseThrow(() -> new IllegalStateException("Unknown pathway " + pathwayId));
    if (!pathway.handOverToNewInstance()) {
      return Optional.empty();
    }
    PathwayDescriptor descriptor = definitions.version(pathway.definitionId()).descriptor();
    List<StepReplay> steps = pathway.validSteps() // a voided step is not heard again
        .map(step -> {
          var described = descriptor.step(step.stepCode()).orElseThrow(() -> new IllegalStateException(
              "Step " + step.stepCode() + " of pathway " + pathwayId + " is not in its definition"));
          return new StepReplay(step.id(), described.messageName(),
              described.processVariables(step.data(), clock.zone()));
        })
        .toList();
    pathways.save(pathway);
    return Optional.of(new Replay(pathway.id(), pathway.definitionId(), pathway.deadline(), steps,
        pathway.closeRequestedReason()));
  }
}
