package org.communityhub.pathways;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine needs to know about one pathway besides its BPMN process: the problem that opens it,
 * what is asked when it opens, its steps in order, which step confirms the outcome and in which variants,
 * the evidence that takes, the time limit and the close reasons, each part with where it comes from.
 * Read from {@code pathways/<name>.json}; the constructor refuses an inconsistent descriptor.
 *
 * @param code stable code, e.g. {@code HOUSING}
 * @param processId the BPMN process id, e.g. {@code Pathway_Housing}
 * @param bpmnResource classpath path of the BPMN file, e.g. {@code pathways/housing.bpmn}
 * @param initiation the problem that opens the pathway
 * @param openingFields what the CHW enters when opening it (e.g. the estimated due date)
 * @param typeCodes for a parameterised pathway (one definition for many referral types or modules): the
 *     codes it is opened with; {@code null} for a plain pathway
 * @param outcomeStep the step whose recording confirms the outcome; the last step
 * @param outcomeVariants the variants the payment rules may name for the outcome
 * @param evidence what confirming the outcome takes (who, how)
 * @param closeReasons the reasons it may end Finished Incomplete for; always includes TIME_LIMIT
 */
public record PathwayDescriptor(
    String code,
    String name,
    String processId,
    String bpmnResource,
    SourcedText initiation,
    List<FieldDescriptor> openingFields,
    TypeCodes typeCodes,
    List<StepDescriptor> steps,
    String outcomeStep,
    List<OutcomeVariant> outcomeVariants,
    OutcomeEvidence evidence,
    TimeLimit timeLimit,
    List<AllowedCloseReason> closeReasons) {

  /** What a pathway code looks like: it appears in URLs, payment rules and reports. */
  public static final String CODE_PATTERN = "[A-Z][A-Z0-9_]{0,63}";

  public PathwayDescriptor {
    Objects.requireNonNull(code, "code");
    if (!code.matches(CODE_PATTERN)) {
      throw invalid(code, "code must be upper-case letters, digits and _ (at most 64), starting with a letter");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(processId, "processId");
    Objects.requireNonNull(bpmnResource, "bpmnResource");
    Objects.requireNonNull(initiation, "initiation");
    Objects.requireNonNull(outcomeStep, "outcomeStep");
    Objects.requireNonNull(timeLimit, "timeLimit");
    openingFields = openingFields == null ? List.of() : List.copyOf(openingFields);
    steps = steps == null ? List.of() : List.copyOf(steps);
    outcomeVariants = outcomeVariants == null ? List.of() : List.copyOf(outcomeVariants);
    closeReasons = closeReasons == null ? List.of() : List.copyOf(closeReasons);
    check(code, openingFields, steps, outcomeStep, outcomeVariants, timeLimit, closeReasons);
  }

  /** The step with this code. */
  public Optional<StepDescriptor> step(String code) {
    return steps.stream().filter(s -> s.code().equals(code)).findFirst();
  }

  /** The step whose recording confirms the outcome (and completes the pathway). */
  public StepDescriptor outcome() {
    return step(outcomeStep).orElseThrow();
  }

  /** The opening field with this name. */
  public Optional<FieldDescriptor> openingField(String name) {
    return openingFields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Whether the pathway is opened with a type code (a referral type, a learning module). */
  public boolean parameterised() {
    return typeCodes != null;
  }

  /** The codes of the outcome variants, in descriptor order. */
  public List<String> variantCodes() {
    return outcomeVariants.stream().map(OutcomeVariant::code).toList();
  }

  /** The close reasons, in descriptor order. */
  public List<CloseReason> closeReasonCodes() {
    return closeReasons.stream().map(AllowedCloseReason::reason).toList();
  }

  /** The steps the process awaits one after another (all but those that finish the pathway incomplete). */
  public List<StepDescriptor> stepsInOrder() {
    return steps.stream().filter(s -> s.finishesIncomplete() == null).toList();
  }

  /** The steps that end the pathway incomplete whenever they come (e.g. "job lost"). */
  public List<StepDescriptor> finishingSteps() {
    return steps.stream().filter(s -> s.finishesIncomplete() != null).toList();
  }

  private static void check(
      String code,
      List<FieldDescriptor> openingFields,
      List<StepDescriptor> steps,
      String outcomeStep,
      List<OutcomeVariant> outcomeVariants,
      TimeLimit timeLimit,
      List<AllowedCloseReason> closeReasons) {
    if (steps.isEmpty()) throw invalid(code, "has no steps");
    Set<String> fieldNames = new HashSet<>();
    for (FieldDescriptor field : openingFields) {
      if (!fieldNames.add(field.name())) throw invalid(code, "names opening field " + field.name() + " twice");
      if (field.processVariable()) throw invalid(code, "opening field " + field.name() + " cannot travel with a step");
    }
    Set<CloseReason> reasons = new HashSet<>();
    for (AllowedCloseReason allowed : closeReasons) {
      if (!reasons.add(allowed.reason())) throw invalid(code, "repeats close reason " + allowed.reason());
    }
    if (!reasons.contains(CloseReason.TIME_LIMIT)) {
      throw invalid(code, "must list TIME_LIMIT among its close reasons: every process has the time-limit timer");
    }
    Map<String, StepDescriptor> earlier = new HashMap<>();
    Set<String> messages = new HashSet<>();
    Set<String> processVariables = new HashSet<>();
    for (StepDescriptor step : steps) {
      if (step.prerequisite() != null && !earlier.containsKey(step.prerequisite())) {
        throw invalid(code, "step " + step.code() + " needs " + step.prerequisite() + ", which is not an earlier step");
      }
      if (earlier.containsKey(step.code())) throw invalid(code, "names step " + step.code() + " twice");
      if (!messages.add(step.messageName())) throw invalid(code, "uses message " + step.messageName() + " twice");
      Set<String> dataNames = new HashSet<>();
      for (FieldDescriptor field : step.dataFields()) {
        if (!dataNames.add(field.name())) {
          throw invalid(code, "step " + step.code() + " names data field " + field.name() + " twice");
        }
        if (field.processVariable() && ProcessNames.RESERVED_VARIABLES.contains(field.name())) {
          throw invalid(code, "step " + step.code() + " cannot send " + field.name() + ": the engine uses that variable");
        }
        if (field.processVariable() && !processVariables.add(field.name())) {
          throw invalid(code, "two steps send process variable " + field.name());
        }
      }
      if (step.waitsFor() != null) checkDaysAfter(code, step, step.waitsFor(), earlier, true);
      if (step.within() != null) checkDaysAfter(code, step, step.within(), earlier, false);
      if (step.finishesIncomplete() != null) checkFinishing(code, step, reasons);
      earlier.put(step.code(), step);
    }
    StepDescriptor last = steps.getLast();
    if (!last.code().equals(outcomeStep)) {
      throw invalid(code, "outcome step " + outcomeStep + " must be the last step, not " + last.code());
    }
    if (!last.paymentPoint()) throw invalid(code, "outcome step " + outcomeStep + " must be a payment point");
    if (last.finishesIncomplete() != null) throw invalid(code, "outcome step " + outcomeStep + " cannot finish incomplete");
    if (outcomeVariants.isEmpty()) throw invalid(code, "has no outcome variants");
    if (outcomeVariants.stream().map(OutcomeVariant::code).distinct().count() != outcomeVariants.size()) {
      throw invalid(code, "repeats an outcome variant");
    }
    if (timeLimit.afterField() != null) {
      FieldDescriptor field = openingFields.stream()
          .filter(f -> f.name().equals(timeLimit.afterField()))
          .findFirst()
          .orElseThrow(() -> invalid(code, "time limit counts from " + timeLimit.afterField() + ", which is not an opening field"));
      if (field.type() != FieldType.DATE || !field.required()) {
        throw invalid(code, "time limit counts from " + field.name() + ", which must be a required DATE");
      }
    }
  }

  /**
   * The date a step counts days from must be known when the step is recorded (its prerequisite's required
   * DATE), and for a wait also reach the process, whose timer counts from it.
   */
  private static void checkDaysAfter(String code, StepDescriptor step, DaysAfterStep days,
      Map<String, StepDescriptor> earlier, boolean timer) {
    if (!days.afterStep().equals(step.prerequisite())) {
      throw invalid(code, "step " + step.code() + " counts days after " + days.afterStep() + ", which must be its prerequisite");
    }
    FieldDescriptor field = earlier.get(days.afterStep()).dataFields().stream()
        .filter(f -> f.name().equals(days.afterField()))
        .findFirst()
        .orElseThrow(() -> invalid(code, "step " + step.code() + " counts days after " + days.afterStep() + "."
            + days.afterField() + ", which is not a data field of that step"));
    if (field.type() != FieldType.DATE || !field.required()) {
      throw invalid(code, "step " + step.code() + " counts days after " + days.afterField() + ", which must be a required DATE");
    }
    if (timer && !field.processVariable()) {
      throw invalid(code, "step " + step.code() + " waits after " + days.afterField()
          + ", which must be sent to the process for its timer");
    }
  }

  private static void checkFinishing(String code, StepDescriptor step, Set<CloseReason> reasons) {
    CloseReason reason = step.finishesIncomplete();
    if (!reason.requestable() || !reasons.contains(reason)) {
      throw invalid(code, "step " + step.code() + " finishes with " + reason + ", which is not an allowed close reason");
    }
    if (step.paymentPoint() || step.waitsFor() != null) {
      throw invalid(code, "step " + step.code() + " finishes the pathway: it can be neither a payment point nor wait");
    }
  }

  private static IllegalArgumentException invalid(String code, String problem) {
    return new IllegalArgumentException("pathway " + code + " " + problem);
  }
}
