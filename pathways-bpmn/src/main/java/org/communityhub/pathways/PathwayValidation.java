package org.communityhub.pathways;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;

/**
 * Whether a descriptor and its BPMN make a pathway the HUB can run: the BPMN is valid for Zeebe, and it
 * has every element the engine relies on, named as {@link ProcessNames} says (each step's message event
 * correlated by pathway id, the payment task after each payment point, the time-limit timer, the close
 * request, the claim of the instance). Each problem names the descriptor field or the BPMN element it
 * concerns, so an author can find it in Camunda Modeler.
 */
public final class PathwayValidation {

  /** Ids Camunda Modeler generates ({@code Flow_1x9abcd}, {@code Activity_0ab12cd}): they mean nothing. */
  private static final Pattern GENERATED_ID = Pattern.compile("^[A-Za-z]+_([0-9a-z]{7}|[0-9]+)(_di)?$");
  private static final Set<String> JOB_TYPES = Set.of(ProcessNames.JOB_CLAIM_INSTANCE,
      ProcessNames.JOB_EVALUATE_PAYMENT, ProcessNames.JOB_COMPLETE, ProcessNames.JOB_FINISH_INCOMPLETE);

  /** A problem and where it is: {@code descriptor}, {@code descriptor.<field>} or {@code bpmn#<element id>}. */
  public record Problem(String where, String message) {

    public static Problem inDescriptor(String message) {
      return new Problem("descriptor", message);
    }

    public static Problem at(String elementId, String message) {
      return new Problem(elementId == null ? "bpmn" : "bpmn#" + elementId, message);
    }
  }

  /** The outcome: the descriptor when it could be read, and every problem found. */
  public record Result(PathwayDescriptor descriptor, List<Problem> problems) {

    public boolean valid() {
      return descriptor != null && problems.isEmpty();
    }
  }

  private PathwayValidation() {}

  public static Result check(String descriptorJson, byte[] bpmn) {
    List<Problem> problems = new ArrayList<>();
    PathwayDescriptor descriptor = null;
    try {
      descriptor = PathwayCatalog.readDescriptor(
          new ByteArrayInputStream(descriptorJson.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException invalid) {
      problems.add(Problem.inDescriptor(rootMessage(invalid)));
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
    } catch (RuntimeException unreadable) {
      problems.add(Problem.at(null, "not a BPMN 2.0 file: " + rootMessage(unreadable)));
      return new Result(descriptor, problems);
    }
    zeebeRules(model, problems);
    meaningfulIds(model, problems);
    if (descriptor != null) {
      new Structure(descriptor, model, problems).check();
    }
    return new Result(descriptor, problems);
  }

  /** What Zeebe itself would refuse at deployment (a message without a correlation key, a task without a type). */
  private static void zeebeRules(BpmnModelInstance model, List<Problem> problems) {
    var results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    results.getResults().forEach((element, elementResults) -> {
      for (ValidationResult result : elementResults) {
        if (result.getType() == org.camunda.bpm.model.xml.validation.ValidationResultType.ERROR) {
          problems.add(Problem.at(idOf(element), result.getMessage()));
        }
      }
    });
  }

  private static void meaningfulIds(BpmnModelInstance model, List<Problem> problems) {
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String id = element.getId();
      if (id != null && GENERATED_ID.matcher(id).matches()) {
        problems.add(Problem.at(id, "a generated id: give the element an id that says what it is"));
      }
    }
  }

  /** The elements and wiring the HUB's workers and outbox rely on. */
  private static final class Structure {

    private final PathwayDescriptor descriptor;
    private final BpmnModelInstance model;
    private final List<Problem> problems;

    Structure(PathwayDescriptor descriptor, BpmnModelInstance model, List<Problem> problems) {
      this.descriptor = descriptor;
      this.model = model;
      this.problems = problems;
    }

    void check() {
      var processes = model.getModelElementsByType(Process.class);
      if (processes.size() != 1 || !processes.iterator().next().getId().equals(descriptor.processId())) {
        problems.add(Problem.at(null, "must define exactly one process, with the descriptor's processId "
            + descriptor.processId()));
        return;
      }
      if (!processes.iterator().next().isExecutable()) {
        problems.add(Problem.at(descriptor.processId(), "the process must be executable"));
      }
      steps();
      messages();
      jobTypes();
      task(ProcessNames.ELEMENT_CLAIM_INSTANCE, ProcessNames.JOB_CLAIM_INSTANCE);
      task(ProcessNames.ELEMENT_COMPLETE, ProcessNames.JOB_COMPLETE);
      task(ProcessNames.ELEMENT_FINISH_INCOMPLETE, ProcessNames.JOB_FINISH_INCOMPLETE);
      task(ProcessNames.ELEMENT_FINISH_INCOMPLETE_TIME_LIMIT, ProcessNames.JOB_FINISH_INCOMPLETE);
      element(ProcessNames.ELEMENT_STEPS, SubProcess.class, "the sub-process that awaits the steps");
      timeLimit();
      closeRequest();
    }

    /** Each step of the descriptor: its message event, and the payment task after a payment point. */
    private void steps() {
      for (StepDescriptor step : descriptor.steps()) {
        Class<? extends CatchEvent> kind = step.finishesIncomplete() == null
            ? IntermediateCatchEvent.class : BoundaryEvent.class;
        CatchEvent event = element(step.elementId(), kind, "the message event of step " + step.code());
        if (event == null) {
          continue;
        }
        Message message = messageOf(event);
        if (message == null || !step.messageName().equals(message.getName())) {
          problems.add(Problem.at(step.elementId(), "must wait for message " + step.messageName()));
        } else if (!ProcessNames.CORRELATION_KEY.equals(correlationKey(message))) {
          problems.add(Problem.at(message.getId(), "must be correlated by " + ProcessNames.CORRELATION_KEY));
        }
        if (step.paymentPoint()) {
          FlowNode payment = element(step.paymentTaskElementId(), FlowNode.class,
              "the payment task after step " + step.code());
          if (payment != null && !followedBy(event, payment)) {
            problems.add(Problem.at(step.paymentTaskElementId(), "must directly follow " + step.elementId()));
          }
          if (payment != null && !stepCodeHeader(payment).equals(step.code())) {
            problems.add(Problem.at(step.paymentTaskElementId(),
                "must carry task header " + ProcessNames.HEADER_STEP_CODE + " = " + step.code()));
          }
          if (payment != null && !ProcessNames.JOB_EVALUATE_PAYMENT.equals(jobType(payment))) {
            problems.add(Problem.at(step.paymentTaskElementId(),
                "must have job type " + ProcessNames.JOB_EVALUATE_PAYMENT));
          }
        }
      }
    }

    /** Every message the process waits for is a step of the descriptor, or the close request. */
    private void messages() {
      Set<String> named = new HashSet<>();
      descriptor.steps().forEach(step -> named.add(step.messageName()));
      named.add(ProcessNames.MESSAGE_CLOSE_REQUESTED);
      for (Message message : model.getModelElementsByType(Message.class)) {
        if (!named.contains(message.getName())) {
          problems.add(Problem.at(message.getId(), "message " + message.getName()
              + " is no step of the descriptor: the HUB would never send it"));
        }
      }
    }

    private void jobTypes() {
      for (ZeebeTaskDefinition task : model.getModelElementsByType(ZeebeTaskDefinition.class)) {
        if (!JOB_TYPES.contains(task.getType())) {
          problems.add(Problem.at(idOf(task.getParentElement()), "job type " + task.getType()
              + " has no worker in the HUB; known: " + JOB_TYPES));
        }
      }
    }

    private void task(String id, String jobType) {
      FlowNode task = element(id, FlowNode.class, "a task of job type " + jobType);
      if (task != null && !jobType.equals(jobType(task))) {
        problems.add(Problem.at(id, "must have job type " + jobType));
      }
    }

    /** The deadline timer interrupts the steps: what makes a pathway end Finished Incomplete on time. */
    private void timeLimit() {
      BoundaryEvent timer = element(ProcessNames.ELEMENT_TIMER_TIME_LIMIT, BoundaryEvent.class,
          "the time-limit timer on " + ProcessNames.ELEMENT_STEPS);
      if (timer == null) {
        return;
      }
      boolean onSteps = timer.getAttachedTo() != null
          && ProcessNames.ELEMENT_STEPS.equals(timer.getAttachedTo().getId());
      boolean atDeadline = timer.getEventDefinitions().stream()
          .filter(TimerEventDefinition.class::isInstance)
          .map(TimerEventDefinition.class::cast)
          .anyMatch(timerDefinition -> timerDefinition.getTimeDate() != null
              && ProcessNames.TIMER_DATE.equals(timerDefinition.getTimeDate().getTextContent().strip()));
      if (!onSteps || !timer.cancelActivity() || !atDeadline) {
        problems.add(Problem.at(ProcessNames.ELEMENT_TIMER_TIME_LIMIT, "must be an interrupting timer on "
            + ProcessNames.ELEMENT_STEPS + " with date " + ProcessNames.TIMER_DATE));
      }
    }

    private void closeRequest() {
      BoundaryEvent close = element(ProcessNames.ELEMENT_CLOSE_REQUESTED, BoundaryEvent.class,
          "the close request on " + ProcessNames.ELEMENT_STEPS);
      if (close == null) {
        return;
      }
      Message message = messageOf(close);
      boolean onSteps = close.getAttachedTo() != null
          && ProcessNames.ELEMENT_STEPS.equals(close.getAttachedTo().getId());
      if (!onSteps || !close.cancelActivity() || message == null
          || !ProcessNames.MESSAGE_CLOSE_REQUESTED.equals(message.getName())) {
        problems.add(Problem.at(ProcessNames.ELEMENT_CLOSE_REQUESTED, "must be an interrupting message event on "
            + ProcessNames.ELEMENT_STEPS + " for " + ProcessNames.MESSAGE_CLOSE_REQUESTED));
      }
    }

    /** The element with this id and type, or null after recording that it is missing. */
    private <T extends ModelElementInstance> T element(String id, Class<T> type, String what) {
      ModelElementInstance element = model.getModelElementById(id);
      if (type.isInstance(element)) {
        return type.cast(element);
      }
      problems.add(Problem.at(id, element == null ? "missing: " + what
          : "must be a " + type.getSimpleName() + ": " + what));
      return null;
    }
  }

  private static boolean followedBy(FlowNode node, FlowNode next) {
    return node.getOutgoing().stream().map(SequenceFlow::getTarget).anyMatch(target -> target == next);
  }

  private static Message messageOf(CatchEvent event) {
    return event.getEventDefinitions().stream()
        .filter(MessageEventDefinition.class::isInstance)
        .map(definition -> ((MessageEventDefinition) definition).getMessage())
        .findFirst()
        .orElse(null);
  }

  private static String correlationKey(Message message) {
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    return subscription == null ? null : subscription.getCorrelationKey();
  }

  private static String jobType(FlowNode task) {
    ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    return definition == null ? null : definition.getType();
  }

  private static String stepCodeHeader(FlowNode task) {
    ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
    return headers == null ? "" : headers.getHeaders().stream()
        .filter(header -> ProcessNames.HEADER_STEP_CODE.equals(header.getKey()))
        .map(ZeebeHeader::getValue)
        .findFirst()
        .orElse("");
  }

  private static String idOf(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      if (e instanceof BaseElement base && base.getId() != null) {
        return base.getId();
      }
    }
    return null;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
