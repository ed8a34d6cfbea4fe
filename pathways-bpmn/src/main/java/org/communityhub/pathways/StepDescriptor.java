package org.communityhub.pathways;

import java.util.List;
import java.util.Objects;

/**
 * One recorded step of a pathway.
 *
 * @param code stable code, e.g. {@code MOVED_IN}
 * @param messageName the Zeebe message that records the step, e.g. {@code Housing_MovedIn}
 * @param prerequisite the code of an earlier step that must be recorded first, or {@code null}
 * @param evidenceRequired whether recording the step needs evidence (who confirmed, how, when)
 * @param paymentPoint whether the process evaluates a payment milestone after this step
 * @param dataFields what the CHW fills in with the step
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
    Source source) {

  public StepDescriptor {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(messageName, "messageName");
    Objects.requireNonNull(source, "source");
    dataFields = dataFields == null ? List.of() : List.copyOf(dataFields);
  }

  /** The id of this step's message catch event in the BPMN, e.g. {@code Step_MovedIn}. */
  public String elementId() {
    return ProcessNames.stepElementId(code);
  }

  /** The id of the payment task after this step, e.g. {@code Task_EvaluatePayment_MovedIn}. */
  public String paymentTaskElementId() {
    return ProcessNames.paymentTaskElementId(code);
  }
}
