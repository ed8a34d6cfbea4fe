package org.communityhub.api.pathway;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.communityhub.api.idempotency.IdempotencyFilter;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayClosing;
import org.communityhub.engine.pathway.PathwayOpening;
import org.communityhub.engine.pathway.PathwayQueries;
import org.communityhub.engine.pathway.StepRecording;
import org.communityhub.engine.pathway.StepVoiding;
import org.communityhub.engine.payment.PaymentLedger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PathwayController {

  private final PathwayOpening opening;
  private final StepRecording steps;
  private final PathwayClosing closing;
  private final StepVoiding voiding;
  private final PathwayQueries queries;
  private final PaymentLedger ledger;
  private final DefinitionPublishing definitions;
  private final CurrentActor actor;

  PathwayController(PathwayOpening opening, StepRecording steps, PathwayClosing closing, StepVoiding voiding,
      PathwayQueries queries, PaymentLedger ledger, DefinitionPublishing definitions, CurrentActor actor) {
    this.voiding = voiding;
    this.definitions = definitions;
    this.opening = opening;
    this.steps = steps;
    this.closing = closing;
    this.queries = queries;
    this.ledger = ledger;
    this.actor = actor;
  }

  @PostMapping("/clients/{clientId}/pathways")
  @ApiResponse(responseCode = "409", description = """
      The client already has this pathway open in the HUB (`openPathway` when the caller may see it), or the \
      client record was merged into another (`mergedInto`).""")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<PathwayView> open(@PathVariable UUID clientId,
      @Valid @RequestBody PathwayOpening.OpenRequest request) {
    Pathway pathway = opening.open(clientId, request, actor.get());
    return ResponseEntity.created(URI.create("/pathways/" + pathway.id())).eTag(EntityTags.of(pathway))
        .body(view(pathway));
  }

  /** The pathway, with its revision as ETag: send it back as If-Match to write only to what you read. */
  @GetMapping("/pathways/{pathwayId}")
  ResponseEntity<PathwayView> find(@PathVariable UUID pathwayId) {
    Pathway pathway = queries.find(pathwayId, actor.get());
    return ResponseEntity.ok().eTag(EntityTags.of(pathway)).body(view(pathway));
  }

  /** A retry with the same Idempotency-Key and body answers exactly as the first request did. */
  @PostMapping("/pathways/{pathwayId}/steps")
  @ApiResponse(responseCode = "409", description = """
      The pathway does not take this step now: it is closed or being closed, the step is already recorded, or \
      its prerequisite step is not.""")
  @ApiResponse(responseCode = "412", description = EntityTags.STALE)
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<PathwayView.StepView> recordStep(@PathVariable UUID pathwayId,
      @RequestHeader(IdempotencyFilter.HEADER) @NotBlank @Size(max = 128) String idempotencyKey,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 64) String ifMatch,
      @Valid @RequestBody StepRecording.StepRequest request) {
    var recorded = steps.record(pathwayId, request, idempotencyKey, EntityTags.expectedRevision(ifMatch),
        actor.get());
    return ResponseEntity.created(URI.create("/pathways/" + pathwayId + "/steps/" + recorded.step().id()))
        .body(PathwayView.StepView.of(recorded.step()));
  }

  /** Accepted: the pathway's process finishes it incomplete and the pathway's status follows. */
  @PostMapping("/pathways/{pathwayId}/close")
  @ApiResponse(responseCode = "409", description = "The pathway is already closed or being closed.")
  @ApiResponse(responseCode = "412", description = EntityTags.STALE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  ResponseEntity<PathwayView> close(@PathVariable UUID pathwayId,
      @RequestHeader(IdempotencyFilter.HEADER) @NotBlank @Size(max = 128) String idempotencyKey,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 64) String ifMatch,
      @Valid @RequestBody PathwayClosing.CloseRequest request) {
    Pathway pathway = closing.requestClose(pathwayId, request, EntityTags.expectedRevision(ifMatch), actor.get());
    Pathway closing = queries.find(pathway.id(), actor.get());
    return ResponseEntity.status(HttpStatus.ACCEPTED).eTag(EntityTags.of(closing)).body(view(closing));
  }

  /**
   * Voids a step entered in error (supervisors and HUB administrators): the step stays in the history marked
   * void, what it earned is reversed, and the pathway is recomputed — reopened if the step had closed it — and
   * runs on in the engine from its valid steps. Answers the pathway as it is after the void.
   */
  @PostMapping("/steps/{stepId}/void")
  @ApiResponse(responseCode = "409", description = """
      The step is already void, another valid step builds on it (void that one first), or voiding it would \
      reopen a pathway beside one the client has open since.""")
  @ApiResponse(responseCode = "412", description = EntityTags.STALE)
  ResponseEntity<PathwayView> voidStep(@PathVariable UUID stepId,
      @RequestHeader(IdempotencyFilter.HEADER) @NotBlank @Size(max = 128) String idempotencyKey,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 64) String ifMatch,
      @Valid @RequestBody StepVoiding.VoidRequest request) {
    Pathway pathway = voiding.voidStep(stepId, request, EntityTags.expectedRevision(ifMatch), actor.get());
    Pathway corrected = queries.find(pathway.id(), actor.get());
    return ResponseEntity.ok().eTag(EntityTags.of(corrected)).body(view(corrected));
  }

  private PathwayView view(Pathway pathway) {
    return PathwayView.of(pathway, definitions.version(pathway.definitionId()).version(),
        ledger.ofPathway(pathway.id()));
  }
}
