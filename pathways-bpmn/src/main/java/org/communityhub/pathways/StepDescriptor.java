package org.communityhub.pathways;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded step of a pathway.
 *
 * @param code stable code, e.g. {@code MOVED_IN}
 * @param messageName the Zeebe message that records the step, e.g. {@code Housing_MovedIn} (see {@link
 *     ProcessNames#stepMessageName})
 * @param prerequisite the code of an earlier step that must be recorded first, or {@code null}
 * @param evidenceRequired whether recording the step needs evidence (who confirmed, how, when)
 * @param paymentPoint whether the process evaluates a payment milestone after this step
 * @param dataFields what the CHW fills in with the step
 * @param waitsFor for a step that may only happen some days after a date an earlier step recorded: that
 *     wait (the process waits on a timer before the step); {@code null} otherwise
 * @param within for a step that may only happen before some days have passed since a date an earlier step
 *     recorded (e.g. a job lost before 30 days of employment); {@code null} otherwise
 * @param finishesIncomplete for a step that ends the pathway without its outcome (e.g. "job lost"): the
 *     close reason it finishes with; such a step interrupts the steps whenever it comes. {@code null}
 *     otherwise
 * @param source where this step's definition comes from
 */
public record StepDescriptor(
    String code,
    String name,
    String messageName,
    String prerequisite,
    boolean evidenceRequired,
    boolean paymentPoint,
    List<FieldDescriptor> dataFields,
    DaysAfterStep waitsFor,
    DaysAfterStep within,
    CloseReason finishesIncomplete,
    Source source) {

  public StepDescriptor {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(messageName, "messageName");
    Objects.requireNonNull(source, "source");
    dataFields = dataFields == null ? List.of() : List.copyOf(dataFields);
  }

  /** The id of this step's message event in the BPMN, e.g. {@code Step_MovedIn}. */
  public String elementId() {
    return ProcessNames.stepElementId(code);
  }

  /** The id of the payment task after this step, e.g. {@code Task_EvaluatePayment_MovedIn}. */
  public String paymentTaskElementId() {
    return ProcessNames.paymentTaskElementId(code);
  }

  /**
   * The variables this step's message carries besides {@link ProcessNames#VAR_STEP_ID}: the data fields
   * marked {@code processVariable}, in the form the BPMN expects (see {@link
   * ProcessNames#processVariableValue}). Fields without a value are left out.
   *
   * @param data the recorded step's data, by field name
   * @param zone the HUB's time zone, in which a date starts
   */
  public Map<String, Object> processVariables(Map<String, ?> data, ZoneId zone) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (FieldDescriptor field : dataFields) {
      Object value = data.get(field.name());
      if (field.processVariable() && value != null && !String.valueOf(value).isBlank()) {
        variables.put(field.name(), ProcessNames.processVariableValue(field.type(), String.valueOf(value), zone));
      }
    }
    return variables;
  }
}
