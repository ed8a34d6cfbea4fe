package org.communityhub.engine.pathway;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.communityhub.engine.support.PreconditionFailed;
import org.communityhub.pathways.CloseReason;
import org.communityhub.pathways.DaysAfterStep;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.pathways.StepDescriptor;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A pathway opened for one client and one risk factor. It guards its own lifecycle: steps only while it is
 * active, prerequisites first, each step once; it closes Completed (with an outcome variant) or Finished
 * Incomplete (with a reason) only when the engine reports the process's end. A step entered in error is
 * voided, which may reopen it.
 */
@Entity
@Table(name = "pathway")
public class Pathway {

  @Id
  private UUID id;
  private UUID clientId;
  private UUID agencyId;
  private UUID definitionId;
  private String code;
  private String typeCode;
  private UUID payerId;
  @Enumerated(EnumType.STRING)
  private PathwayStatus status;
  private String currentStep;
  @Enumerated(EnumType.STRING)
  private CloseReason closeRequestedReason;
  @Enumerated(EnumType.STRING)
  private CloseReason closeReason;
  private String outcomeVariant;
  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> openingFields;
  private String eligibilityRuleVersion;
  private LocalDate openedOn;
  private LocalDate dueDate;
  private Instant deadline;
  private Long processInstanceKey;
  private Instant openedAt;
  private Instant closedAt;
  @Version
  private long version;
  /**
   * What a reader of the pathway has seen: counts the changes they would see (a step, a close request, the
   * outcome, the agency), not the engine's bookkeeping (which process instance runs it). The ETag.
   */
  private long revision;
  @OneToMany(mappedBy = "pathway", cascade = CascadeType.ALL)
  @OrderBy("recordedAt, id")
  private List<PathwayStep> steps = new ArrayList<>();

  protected Pathway() {}

  static Pathway open(Opening opening, Instant now) {
    Pathway pathway = new Pathway();
    pathway.id = UUID.randomUUID();
    pathway.clientId = opening.clientId();
    pathway.agencyId = opening.agencyId();
    pathway.definitionId = opening.definitionId();
    pathway.code = opening.code();
    pathway.typeCode = opening.typeCode() == null ? "" : opening.typeCode();
    pathway.payerId = opening.payerId();
    pathway.status = PathwayStatus.ACTIVE;
    pathway.openingFields = new TreeMap<>(opening.openingFields());
    pathway.eligibilityRuleVersion = opening.eligibilityRuleVersion();
    pathway.openedOn = opening.openedOn();
    pathway.dueDate = opening.dueDate();
    pathway.deadline = opening.deadline();
    pathway.openedAt = now;
    return pathway;
  }

  /** What is known when a pathway opens, after eligibility said yes. */
  record Opening(UUID clientId, UUID agencyId, UUID definitionId, String code, String typeCode,
      UUID payerId, Map<String, String> openingFields, String eligibilityRuleVersion, LocalDate openedOn,
      LocalDate dueDate, Instant deadline) {}

  PathwayStep recordStep(StepDescriptor step, PathwayStep.StepEntry entry, UUID byAgency, Instant now) {
    if (status != PathwayStatus.ACTIVE) {
      throw new StepNotAllowed("The pathway is " + status + "; no more steps can be recorded");
    }
    if (closeRequestedReason != null) {
      throw new StepNotAllowed("The pathway is being closed (" + closeRequestedReason + ")");
    }
    if (recorded(step.code()).isPresent()) {
      throw new StepNotAllowed("Step " + step.code() + " is already recorded on this pathway");
    }
    if (step.prerequisite() != null && recorded(step.prerequisite()).isEmpty()) {
      throw new StepNotAllowed("Step " + step.code() + " needs step " + step.prerequisite() + " first");
    }
    PathwayStep recorded = new PathwayStep(this, entry, byAgency, now);
    steps.add(recorded);
    currentStep = step.code();
    revision++;
    return recorded;
  }

  /**
   * Voids a step entered in error. The step stays in the log, marked void, and the pathway becomes what its
   * other steps make it: its current step is the last valid one, and a close the step caused is undone — the
   * outcome step of a Completed pathway, or the step that finished it incomplete (or asked to) — which
   * reopens it. Refused for a step already void, and for a step another valid step builds on (its
   * prerequisite, or the step its days count from): that one is voided first.
   */
  Correction voidStep(UUID stepId, PathwayDescriptor descriptor, String by, String reason, Instant now) {
    PathwayStep step = steps.stream().filter(candidate -> candidate.id().equals(stepId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Step " + stepId + " is not on pathway " + id));
    if (step.voided()) {
      throw new StepAlreadyVoided(stepId);
    }
    validSteps().filter(other -> other != step && buildsOn(descriptor, other, step.stepCode())).findFirst()
        .ifPresent(dependent -> {
          throw new StepNotAllowed("Step " + dependent.stepCode() + " builds on step " + step.stepCode()
              + ": void step " + dependent.stepCode() + " first");
        });
    CloseReason finishes = descriptor.step(step.stepCode()).map(StepDescriptor::finishesIncomplete).orElse(null);
    boolean reopens = status == PathwayStatus.COMPLETED && step.stepCode().equals(descriptor.outcomeStep())
        || status == PathwayStatus.FINISHED_INCOMPLETE && finishes != null && closeReason == finishes;
    step.markVoid(by, reason, now);
    if (reopens) {
      status = PathwayStatus.ACTIVE;
      outcomeVariant = null;
      closeReason = null;
      closedAt = null;
    }
    if (finishes != null && closeRequestedReason == finishes) {
      closeRequestedReason = null; // the step asked for the close; a close the CHW asked for stays
    }
    currentStep = validSteps().reduce((first, second) -> second).map(PathwayStep::stepCode).orElse(null);
    revision++;
    return new Correction(step, reopens);
  }

  /** A voided step, and whether voiding it reopened the pathway. */
  record Correction(PathwayStep voided, boolean reopened) {}

  private static boolean buildsOn(PathwayDescriptor descriptor, PathwayStep step, String stepCode) {
    return descriptor.step(step.stepCode())
        .map(described -> stepCode.equals(described.prerequisite())
            || countsFrom(described.waitsFor(), stepCode) || countsFrom(described.within(), stepCode))
        .orElse(false);
  }

  private static boolean countsFrom(DaysAfterStep days, String stepCode) {
    return days != null && stepCode.equals(days.afterStep());
  }

  /** The client moved to another agency: an open pathway goes with them, a closed one stays on record as is. */
  void followClientTo(UUID agency) {
    if (status == PathwayStatus.ACTIVE && !agency.equals(agencyId)) {
      agencyId = agency;
      revision++;
    }
  }

  /** The client's record was merged into another: the pathway belongs to the surviving record now. */
  void moveToClient(UUID client, UUID clientAgency) {
    clientId = client;
    revision++;
    followClientTo(clientAgency);
  }

  /**
   * The writer read this revision, if they said so (If-Match): a change made since — a step, a close
   * request, the outcome — refuses their write, so that nobody acts on a pathway they have not seen.
   */
  void requireRevision(Long expected) {
    if (expected != null && expected != revision) {
      throw new PreconditionFailed("pathway", revision);
    }
  }

  void requestClose(CloseReason reason) {
    if (!reason.requestable()) {
      throw new StepNotAllowed(reason + " is set by the engine, it cannot be requested");
    }
    if (status != PathwayStatus.ACTIVE) {
      throw new StepNotAllowed("The pathway is already " + status);
    }
    if (closeRequestedReason != null && closeRequestedReason != reason) {
      throw new StepNotAllowed("The pathway is already being closed (" + closeRequestedReason + ")");
    }
    if (closeRequestedReason == null) {
      revision++;
    }
    closeRequestedReason = reason;
  }

  /**
   * Takes ownership for one process instance. A second instance (an at-least-once create delivered twice)
   * is refused, so that it ends at once instead of consuming this pathway's messages.
   */
  boolean claimInstance(long instanceKey) {
    if (processInstanceKey == null) {
      processInstanceKey = instanceKey;
      return true;
    }
    return processInstanceKey == instanceKey;
  }

  /**
   * Engine state is being rebuilt: the process instance that ran this pathway is gone (or cancelled), and the
   * next instance to claim it runs it. Only an active pathway is handed over; its revision does not change,
   * because readers see no change. False when there is nothing left to run.
   */
  boolean handOverToNewInstance() {
    if (status != PathwayStatus.ACTIVE) {
      return false;
    }
    processInstanceKey = null;
    return true;
  }

  void complete(String variant, Instant now) {
    if (status == PathwayStatus.COMPLETED && Objects.equals(outcomeVariant, variant)) {
      return; // a redelivered job
    }
    requireActive();
    status = PathwayStatus.COMPLETED;
    outcomeVariant = variant;
    closedAt = now;
    revision++;
  }

  void finishIncomplete(CloseReason reason, Instant now) {
    if (status == PathwayStatus.FINISHED_INCOMPLETE && closeReason == reason) {
      return; // a redelivered job
    }
    requireActive();
    status = PathwayStatus.FINISHED_INCOMPLETE;
    closeReason = reason;
    closedAt = now;
    revision++;
  }

  private void requireActive() {
    if (status != PathwayStatus.ACTIVE) {
      throw new IllegalStateException("Pathway " + id + " is already " + status);
    }
  }

  /** The valid (not voided) step with this code: a voided step counts for nothing. */
  Optional<PathwayStep> recorded(String stepCode) {
    return validSteps().filter(step -> step.stepCode().equals(stepCode)).findFirst();
  }

  /** The steps that count, in the order they were recorded. */
  java.util.stream.Stream<PathwayStep> validSteps() {
    return steps.stream().filter(step -> !step.voided());
  }

  Optional<PathwayStep> stepByIdempotencyKey(String key) {
    return steps.stream().filter(step -> step.idempotencyKey().equals(key)).findFirst();
  }

  public UUID id() { return id; }
  public UUID clientId() { return clientId; }
  public UUID agencyId() { return agencyId; }
  public UUID definitionId() { return definitionId; }
  public String code() { return code; }
  public String typeCode() { return typeCode; }
  public UUID payerId() { return payerId; }
  public PathwayStatus status() { return status; }
  public String currentStep() { return currentStep; }
  public CloseReason closeRequestedReason() { return closeRequestedReason; }
  public CloseReason closeReason() { return closeReason; }
  public String outcomeVariant() { return outcomeVariant; }
  public Map<String, String> openingFields() { return Map.copyOf(openingFields); }
  public String eligibilityRuleVersion() { return eligibilityRuleVersion; }
  public LocalDate openedOn() { return openedOn; }
  public LocalDate dueDate() { return dueDate; }
  public Instant deadline() { return deadline; }
  public Long processInstanceKey() { return processInstanceKey; }
  public Instant openedAt() { return openedAt; }
  public Instant closedAt() { return closedAt; }
  public long revision() { return revision; }
  public List<PathwayStep> steps() { return List.copyOf(steps); }
}
