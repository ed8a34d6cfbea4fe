package org.communityhub.engine.pathway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyScope;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.support.FieldProblem;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.NotFound;
import org.communityhub.pathways.DaysAfterStep;
import org.communityhub.pathways.FieldDescriptor;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.pathways.StepDescriptor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a step of a pathway exactly once. The step row and its outbox message are written in one
 * transaction under a lock on the pathway; a retry with the same Idempotency-Key and body gets the first
 * step back and writes nothing, the same key with another body is refused.
 */
@Service
public class StepRecording {

  private final Pathways pathways;
  private final DefinitionPublishing definitions;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final HubClock clock;

  StepRecording(Pathways pathways, DefinitionPublishing definitions, ApplicationEventPublisher events,
      TransactionTemplate transactions, HubClock clock) {
    this.pathways = pathways;
    this.definitions = definitions;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** A step as a CHW reports it. Data holds the step's own fields, e.g. birthWeightGrams for a delivery. */
  public record StepRequest(
      @NotBlank @Size(max = 64) String stepCode,
      @NotNull LocalDate occurredOn,
      Map<String, Object> data,
      @Valid Evidence evidence,
      @Size(max = 2000) String note) {

    Map<String, Object> fields() {
      return data == null ? Map.of() : data;
    }
  }

  /** The recorded step, and whether this call recorded it or replayed an earlier identical request. */
  public record Recorded(PathwayStep step, boolean replayed) {}

  /**
   * Records a step once per Idempotency-Key: a retry returns the step recorded first. With
   * {@code expectedRevision} (the If-Match of the request) the pathway must not have changed since the
   * caller read it; the key is checked first, so a retry of a recorded step is answered, not refused.
   */
  public Recorded record(UUID pathwayId, StepRequest request, String idempotencyKey, Long expectedRevision,
      Actor actor) {
    String requestHash = Json.fingerprint(request);
    try {
      return transactions.execute(tx ->
          recordInTransaction(pathwayId, request, idempotencyKey, requestHash, expectedRevision, actor));
    } catch (DataIntegrityViolationException raced) {
      // A concurrent request with the same key committed first: answer as a retry of it.
      return transactions.execute(tx ->
          recordInTransaction(pathwayId, request, idempotencyKey, requestHash, expectedRevision, actor));
    }
  }

  private Recorded recordInTransaction(UUID pathwayId, StepRequest request, String idempotencyKey,
      String requestHash, Long expectedRevision, Actor actor) {
    Pathway pathway = pathways.lockById(pathwayId).orElseThrow(() -> new NotFound("Pathway", pathwayId));
    AgencyScope.check(actor, pathway.agencyId(), "Pathway", pathwayId);
    var earlier = pathway.stepByIdempotencyKey(idempotencyKey);
    if (earlier.isPresent()) {
      if (!earlier.get().requestHash().equals(requestHash)) {
        throw new IdempotencyKeyReused();
      }
      return new Recorded(earlier.get(), true);
    }
    pathway.requireRevision(expectedRevision);
    PathwayDescriptor descriptor = definitions.version(pathway.definitionId()).descriptor();
    StepDescriptor step = descriptor.step(request.stepCode())
        .orElseThrow(() -> new InvalidInput("stepCode",
            "not a step of the " + descriptor.code() + " pathway"));
    requireValid(pathway, step, request);
    if (step.finishesIncomplete() != null && pathway.recorded(descriptor.outcomeStep()).isPresent()) {
      throw new StepNotAllowed("Step " + step.code() + " cannot follow the recorded outcome "
          + descriptor.outcomeStep() + ": the pathway completes");
    }

    PathwayStep recorded = pathway.recordStep(step, new PathwayStep.StepEntry(step.code(),
        request.occurredOn(), request.fields(), request.evidence(), request.note(), idempotencyKey,
        requestHash), actor.agencyId(), clock.now());
    if (step.finishesIncomplete() != null) {
      // The step ends the pathway (e.g. a job lost): no more steps; its process finishes it with the reason.
      pathway.requestClose(step.finishesIncomplete());
    }
    pathways.saveAndFlush(pathway);
    events.publishEvent(new PathwayEvents.StepRecorded(pathway.id(), recorded.id(), step.messageName(),
        pathway.deadline(), recorded.data(), step.processVariables(recorded.data(), clock.zone())));
    return new Recorded(recorded, false);
  }

  private void requireValid(Pathway pathway, StepDescriptor step, StepRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.occurredOn().isAfter(clock.today())) {
      problems.add(new FieldProblem("occurredOn", "is in the future"));
    }
    outsideItsDays(pathway, step, request.occurredOn()).ifPresent(problems::add);
    if (step.evidenceRequired() && request.evidence() == null) {
      problems.add(new FieldProblem("evidence", "step " + step.code()
          + " needs evidence: who confirmed it, how and when"));
    }
    Map<String, String> data = new TreeMap<>();
    request.fields().forEach((name, value) -> data.put(name, value == null ? null : String.valueOf(value)));
    FieldDescriptor.validate(step.dataFields(), data).forEach((name, reason) ->
        problems.add(new FieldProblem("data." + name, reason)));
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
  }

  /**
   * A step dated on the wrong side of its days after an earlier step's date: before its wait is over (e.g.
   * employment verified 30 days after the job started), or not within its days (a job lost before those 30
   * days). Without its prerequisite recorded there is nothing to count from: the aggregate refuses it anyway.
   */
  private static Optional<FieldProblem> outsideItsDays(Pathway pathway, StepDescriptor step, LocalDate occurredOn) {
    Optional<FieldProblem> early = dayAfter(pathway, step.waitsFor())
        .filter(occurredOn::isBefore)
        .map(day -> new FieldProblem("occurredOn", "must be on or after " + day + ", " + step.waitsFor().days()
            + " days after " + step.waitsFor().afterField() + " of step " + step.waitsFor().afterStep()));
    Optional<FieldProblem> late = dayAfter(pathway, step.within())
        .filter(day -> !occurredOn.isBefore(day))
        .map(day -> new FieldProblem("occurredOn", "must be before " + day + ", within " + step.within().days()
            + " days after " + step.within().afterField() + " of step " + step.within().afterStep()));
    return early.or(() -> late);
  }

  private static Optional<LocalDate> dayAfter(Pathway pathway, DaysAfterStep days) {
    if (days == null) {
      return Optional.empty();
    }
    return pathway.recorded(days.afterStep())
        .map(dated -> dated.data().get(days.afterField()))
        .map(from -> days.dayAfter(LocalDate.parse(String.valueOf(from))));
  }
}
