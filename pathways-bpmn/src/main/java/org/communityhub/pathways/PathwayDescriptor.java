package org.communityhub.pathways;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine needs to know about one pathway besides its BPMN process: its steps in order, which step
 * confirms the outcome, the outcome variants a payment can name, the time limit and the close reasons.
 * Read from {@code pathways/<name>.json}; the constructor refuses an inconsistent descriptor.
 *
 * @param code stable code, e.g. {@code HOUSING}
 * @param processId the BPMN process id, e.g. {@code Pathway_Housing}
 * @param bpmnResource classpath path of the BPMN file, e.g. {@code pathways/housing.bpmn}
 * @param initiation the problem that opens the pathway
 * @param openingFields what the CHW fills in when opening the pathway
 * @param steps the steps in the order the process expects them
 * @param outcomeStep the code of the step confirming the outcome; always the last step and a payment point
 * @param outcomeVariants the outcome variants the payment evaluation may name (e.g. {@code STANDARD})
 */
public record PathwayDescriptor(
    String code,
    String name,
    String processId,
    String bpmnResource,
    SourcedText initiation,
    List<FieldDescriptor> openingFields,
    List<StepDescriptor> steps,
    String outcomeStep,
    List<String> outcomeVariants,
    TimeLimit timeLimit,
    List<CloseReason> closeReasons) {

  public PathwayDescriptor {
    Objects.requireNonNull(code, "code");
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

  private static void check(
      String code,
      List<FieldDescriptor> openingFields,
      List<StepDescriptor> steps,
      String outcomeStep,
      List<String> outcomeVariants,
      TimeLimit timeLimit,
      List<CloseReason> closeReasons) {
    if (steps.isEmpty()) throw invalid(code, "has no steps");
    Set<String> fieldNames = new HashSet<>();
    for (FieldDescriptor field : openingFields) {
      if (!fieldNames.add(field.name())) throw invalid(code, "names opening field " + field.name() + " twice");
    }
    Set<String> earlier = new HashSet<>();
    Set<String> messages = new HashSet<>();
    for (StepDescriptor step : steps) {
      if (step.prerequisite() != null && !earlier.contains(step.prerequisite())) {
        throw invalid(code, "step " + step.code() + " needs " + step.prerequisite() + ", which is not an earlier step");
      }
      if (!earlier.add(step.code())) throw invalid(code, "names step " + step.code() + " twice");
      if (!messages.add(step.messageName())) throw invalid(code, "uses message " + step.messageName() + " twice");
      Set<String> dataNames = new HashSet<>();
      for (FieldDescriptor field : step.dataFields()) {
        if (!dataNames.add(field.name())) {
          throw invalid(code, "step " + step.code() + " names data field " + field.name() + " twice");
        }
      }
    }
    StepDescriptor last = steps.getLast();
    if (!last.code().equals(outcomeStep)) {
      throw invalid(code, "outcome step " + outcomeStep + " must be the last step, not " + last.code());
    }
    if (!last.paymentPoint()) throw invalid(code, "outcome step " + outcomeStep + " must be a payment point");
    if (outcomeVariants.isEmpty()) throw invalid(code, "has no outcome variants");
    if (Set.copyOf(outcomeVariants).size() != outcomeVariants.size()) throw invalid(code, "repeats an outcome variant");
    if (timeLimit.afterField() != null) {
      FieldDescriptor field = openingFields.stream()
          .filter(f -> f.name().equals(timeLimit.afterField()))
          .findFirst()
          .orElseThrow(() -> invalid(code, "time limit counts from " + timeLimit.afterField() + ", which is not an opening field"));
      if (field.type() != FieldType.DATE || !field.required()) {
        throw invalid(code, "time limit counts from " + field.name() + ", which must be a required DATE");
      }
    }
    if (!closeReasons.contains(CloseReason.TIME_LIMIT)) {
      throw invalid(code, "must list TIME_LIMIT among its close reasons: every process has the time-limit timer");
    }
    if (Set.copyOf(closeReasons).size() != closeReasons.size()) throw invalid(code, "repeats a close reason");
  }

  private static IllegalArgumentException invalid(String code, String problem) {
    return new IllegalArgumentException("pathway " + code + " " + problem);
  }
}
