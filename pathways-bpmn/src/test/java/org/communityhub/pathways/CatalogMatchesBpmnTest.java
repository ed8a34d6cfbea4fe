package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fails when a BPMN file drifts from its descriptor or from {@link ProcessNames}: no engine, just the Zeebe
 * model API. Parametrized over the catalog, so a new pathway is checked by being listed.
 */
class CatalogMatchesBpmnTest {

  private static final PathwayCatalog CATALOG = PathwayCatalog.standard();
  /** Ids that Camunda Modeler or the fluent builder generate ({@code Flow_1x9abcd}, {@code Definitions_1}). */
  private static final Pattern GENERATED_ID = Pattern.compile("^[A-Za-z]+_([0-9a-z]{7}|[0-9]+)(_di)?$");

  static Stream<String> pathways() {
    return CATALOG.all().stream().map(PathwayDescriptor::code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void bpmnIsValidForZeebe(String code) {
    BpmnModelInstance model = model(code);

    Bpmn.validateModel(model);
    var results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    assertThat(results.getErrorCount()).as(results.getResults().toString()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void processIdIsTheDescriptors(String code) {
    PathwayDescriptor pathway = pathway(code);

    assertThat(model(code).getModelElementsByType(Process.class))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.getId()).isEqualTo(pathway.processId());
          assertThat(p.isExecutable()).isTrue();
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void declaresCamunda8Point5ForTheModeler(String code) throws Exception {
    Element definitions = dom(code).getDocumentElement();
    String modeler = "http://camunda.org/schema/modeler/1.0";

    assertThat(definitions.getAttributeNS(modeler, "executionPlatform")).isEqualTo("Camunda Cloud");
    assertThat(definitions.getAttributeNS(modeler, "executionPlatformVersion")).isEqualTo("8.5.0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void everyStepHasExactlyOneMessageEventCorrelatedByPathwayId(String code) {
    PathwayDescriptor pathway = pathway(code);
    BpmnModelInstance model = model(code);

    for (StepDescriptor step : pathway.steps()) {
      List<CatchEvent> catches = model.getModelElementsByType(CatchEvent.class).stream()
          .filter(e -> messageOf(e) != null && step.messageName().equals(messageOf(e).getName()))
          .toList();
      assertThat(catches).as("message events for %s", step.messageName()).singleElement().satisfies(e -> {
        assertThat(e.getId()).isEqualTo(step.elementId());
        assertThat(e.getName()).isEqualTo(step.name());
        assertThat(e).isInstanceOf(step.finishesIncomplete() == null ? IntermediateCatchEvent.class : BoundaryEvent.class);
        Message message = messageOf(e);
        assertThat(message.getId()).isEqualTo(ProcessNames.messageElementId(step.messageName()));
        assertThat(correlationKey(message)).isEqualTo(ProcessNames.CORRELATION_KEY);
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void declaresNoMessageTheDescriptorDoesNotName(String code) {
    Set<String> expected = new HashSet<>();
    pathway(code).steps().forEach(s -> expected.add(s.messageName()));
    expected.add(ProcessNames.MESSAGE_CLOSE_REQUESTED);

    BpmnModelInstance model = model(code);
    assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(model.getModelElementsByType(Message.class))
        .allSatisfy(m -> assertThat(correlationKey(m)).isEqualTo(ProcessNames.CORRELATION_KEY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void stepsAreAwaitedInDescriptorOrderWithAPaymentTaskAfterEachPaymentPoint(String code) {
    PathwayDescriptor pathway = pathway(code);
    BpmnModelInstance model = model(code);
    List<String> expected = chainOf(pathway);

    SubProcess steps = model.getModelElementById(ProcessNames.ELEMENT_STEPS);
    assertThat(steps.getChildElementsByType(StartEvent.class)).singleElement()
        .extracting(BaseElement::getId).isEqualTo(ProcessNames.ELEMENT_STEPS_START);
    assertThat(chainFrom(model.getModelElementById(ProcessNames.ELEMENT_STEPS_START)))
        .containsExactlyElementsOf(expected);
    assertThat(steps.getChildElementsByType(FlowNode.class)).extracting(BaseElement::getId)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void everyPaymentPointIsFollowedByAPaymentBusinessRuleTask(String code) {
    PathwayDescriptor pathway = pathway(code);
    BpmnModelInstance model = model(code);

    assertThat(pathway.outcome().paymentPoint()).isTrue();
    for (StepDescriptor step : pathway.steps().stream().filter(StepDescriptor::paymentPoint).toList()) {
      FlowNode next = next(model.getModelElementById(step.elementId()));
      assertThat(next).as("after %s", step.code()).isInstanceOf(BusinessRuleTask.class);
      assertThat(next.getId()).isEqualTo(step.paymentTaskElementId());
      assertThat(jobType(next)).isEqualTo(ProcessNames.JOB_EVALUATE_PAYMENT);
      assertThat(next.getSingleExtensionElement(ZeebeTaskHeaders.class).getHeaders())
          .extracting(ZeebeHeader::getKey, ZeebeHeader::getValue)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(ProcessNames.HEADER_STEP_CODE, step.code()));
    }
    assertThat(next(model.getModelElementById(pathway.outcome().paymentTaskElementId())).getId())
        .isEqualTo(ProcessNames.ELEMENT_STEPS_DONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void usesOnlyTheCatalogsJobTypes(String code) throws IllegalAccessException {
    Set<String> known = constants("JOB_");

    assertThat(model(code).getModelElementsByType(ZeebeTaskDefinition.class))
        .extracting(ZeebeTaskDefinition::getType)
        .isNotEmpty()
        .allSatisfy(type -> assertThat(known).contains(type));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void claimsTheInstanceFirstAndEndsADuplicateInstanceByError(String code) {
    BpmnModelInstance model = model(code);
    FlowNode start = model.getModelElementById(ProcessNames.ELEMENT_START);
    ServiceTask claim = model.getModelElementById(ProcessNames.ELEMENT_CLAIM_INSTANCE);
    BoundaryEvent duplicate = model.getModelElementById(ProcessNames.ELEMENT_DUPLICATE_INSTANCE_BOUNDARY);

    assertThat(start).isInstanceOf(StartEvent.class);
    assertThat(next(start)).isSameAs(claim);
    assertThat(jobType(claim)).isEqualTo(ProcessNames.JOB_CLAIM_INSTANCE);
    assertThat(next(claim).getId()).isEqualTo(ProcessNames.ELEMENT_STEPS);
    assertThat(duplicate.getAttachedTo()).isSameAs(claim);
    assertThat(duplicate.getEventDefinitions()).singleElement()
        .isInstanceOfSatisfying(ErrorEventDefinition.class,
            d -> assertThat(d.getError().getErrorCode()).isEqualTo(ProcessNames.ERROR_DUPLICATE_INSTANCE));
    assertThat(next(duplicate)).isInstanceOf(EndEvent.class)
        .extracting(BaseElement::getId).isEqualTo(ProcessNames.ELEMENT_END_DUPLICATE_INSTANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void completesThePathwayAfterTheSteps(String code) {
    BpmnModelInstance model = model(code);
    FlowNode complete = next(model.getModelElementById(ProcessNames.ELEMENT_STEPS));

    assertThat(complete.getId()).isEqualTo(ProcessNames.ELEMENT_COMPLETE);
    assertThat(jobType(complete)).isEqualTo(ProcessNames.JOB_COMPLETE);
    assertThat(next(complete)).isInstanceOf(EndEvent.class)
        .extracting(BaseElement::getId).isEqualTo(ProcessNames.ELEMENT_END_COMPLETED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void timeLimitTimerInterruptsTheStepsAtTheDeadline(String code) {
    BpmnModelInstance model = model(code);
    BoundaryEvent timer = model.getModelElementById(ProcessNames.ELEMENT_TIMER_TIME_LIMIT);

    assertThat(timer.getAttachedTo().getId()).isEqualTo(ProcessNames.ELEMENT_STEPS);
    assertThat(timer.cancelActivity()).isTrue();
    assertThat(timer.getEventDefinitions()).singleElement().isInstanceOfSatisfying(TimerEventDefinition.class, d -> {
      assertThat(d.getTimeDate()).isNotNull();
      assertThat(d.getTimeDate().getTextContent().strip()).isEqualTo(ProcessNames.TIMER_DATE);
    });
    FlowNode finish = next(timer);
    assertThat(finish.getId()).isEqualTo(ProcessNames.ELEMENT_FINISH_INCOMPLETE_TIME_LIMIT);
    assertThat(jobType(finish)).isEqualTo(ProcessNames.JOB_FINISH_INCOMPLETE);
    assertThat(finish.getSingleExtensionElement(ZeebeIoMapping.class).getInputs())
        .extracting(ZeebeInput::getTarget, ZeebeInput::getSource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(
            ProcessNames.VAR_CLOSE_REASON, "=\"" + CloseReason.TIME_LIMIT.name() + "\""));
    assertThat(next(finish).getId()).isEqualTo(ProcessNames.ELEMENT_END_FINISHED_INCOMPLETE_TIME_LIMIT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void closeRequestInterruptsTheSteps(String code) {
    BpmnModelInstance model = model(code);
    BoundaryEvent close = model.getModelElementById(ProcessNames.ELEMENT_CLOSE_REQUESTED);

    assertThat(close.getAttachedTo().getId()).isEqualTo(ProcessNames.ELEMENT_STEPS);
    assertThat(close.cancelActivity()).isTrue();
    assertThat(close.getEventDefinitions()).singleElement().isInstanceOfSatisfying(MessageEventDefinition.class, d -> {
      assertThat(d.getMessage().getName()).isEqualTo(ProcessNames.MESSAGE_CLOSE_REQUESTED);
      assertThat(correlationKey(d.getMessage())).isEqualTo(ProcessNames.CORRELATION_KEY);
    });
    FlowNode finish = next(close);
    assertThat(finish.getId()).isEqualTo(ProcessNames.ELEMENT_FINISH_INCOMPLETE);
    assertThat(jobType(finish)).isEqualTo(ProcessNames.JOB_FINISH_INCOMPLETE);
    assertThat(finish.getSingleExtensionElement(ZeebeIoMapping.class))
        .as("closeReason comes from the message").isNull();
    assertThat(next(finish).getId()).isEqualTo(ProcessNames.ELEMENT_END_FINISHED_INCOMPLETE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void waitingStepsWaitOnATimerCountedFromTheDateTheirPrerequisiteSent(String code) {
    PathwayDescriptor pathway = pathway(code);
    BpmnModelInstance model = model(code);

    for (StepDescriptor step : pathway.stepsInOrder().stream().filter(s -> s.waitsFor() != null).toList()) {
      FlowNode wait = model.getModelElementById(ProcessNames.waitElementId(step.code()));
      assertThat(wait).as("the wait before %s", step.code()).isInstanceOf(IntermediateCatchEvent.class);
      assertThat(((IntermediateCatchEvent) wait).getEventDefinitions()).singleElement()
          .isInstanceOfSatisfying(TimerEventDefinition.class, d -> {
            assertThat(d.getTimeDate()).isNotNull();
            assertThat(d.getTimeDate().getTextContent().strip())
                .isEqualTo(ProcessNames.waitTimerDate(step.waitsFor().afterField(), step.waitsFor().days()));
          });
      assertThat(next(wait).getId()).isEqualTo(step.elementId());
      StepDescriptor dated = pathway.step(step.waitsFor().afterStep()).orElseThrow();
      assertThat(dated.dataFields()).filteredOn(FieldDescriptor::processVariable).extracting(FieldDescriptor::name)
          .contains(step.waitsFor().afterField());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void stepsThatFinishIncompleteInterruptTheStepsAndFinishWithTheirReason(String code) {
    BpmnModelInstance model = model(code);

    for (StepDescriptor step : pathway(code).finishingSteps()) {
      BoundaryEvent event = model.getModelElementById(step.elementId());
      assertThat(event.getAttachedTo().getId()).isEqualTo(ProcessNames.ELEMENT_STEPS);
      assertThat(event.cancelActivity()).isTrue();
      FlowNode finish = next(event);
      assertThat(finish.getId()).isEqualTo(ProcessNames.finishIncompleteTaskElementId(step.code()));
      assertThat(jobType(finish)).isEqualTo(ProcessNames.JOB_FINISH_INCOMPLETE);
      assertThat(finish.getSingleExtensionElement(ZeebeIoMapping.class).getInputs())
          .extracting(ZeebeInput::getTarget, ZeebeInput::getSource)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(
              ProcessNames.VAR_CLOSE_REASON, "=\"" + step.finishesIncomplete().name() + "\""));
      assertThat(next(finish)).isInstanceOf(EndEvent.class)
          .extracting(BaseElement::getId).isEqualTo(ProcessNames.finishedIncompleteEndElementId(step.code()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void hasNoElementTheCatalogDoesNotName(String code) {
    PathwayDescriptor pathway = pathway(code);
    Set<String> expected = new HashSet<>(chainOf(pathway));
    expected.addAll(List.of(ProcessNames.ELEMENT_START, ProcessNames.ELEMENT_CLAIM_INSTANCE,
        ProcessNames.ELEMENT_DUPLICATE_INSTANCE_BOUNDARY, ProcessNames.ELEMENT_END_DUPLICATE_INSTANCE,
        ProcessNames.ELEMENT_STEPS, ProcessNames.ELEMENT_COMPLETE, ProcessNames.ELEMENT_END_COMPLETED,
        ProcessNames.ELEMENT_TIMER_TIME_LIMIT, ProcessNames.ELEMENT_FINISH_INCOMPLETE_TIME_LIMIT,
        ProcessNames.ELEMENT_END_FINISHED_INCOMPLETE_TIME_LIMIT, ProcessNames.ELEMENT_CLOSE_REQUESTED,
        ProcessNames.ELEMENT_FINISH_INCOMPLETE, ProcessNames.ELEMENT_END_FINISHED_INCOMPLETE));
    for (StepDescriptor step : pathway.finishingSteps()) {
      expected.addAll(List.of(step.elementId(), ProcessNames.finishIncompleteTaskElementId(step.code()),
          ProcessNames.finishedIncompleteEndElementId(step.code())));
    }

    assertThat(model(code).getModelElementsByType(FlowNode.class)).extracting(BaseElement::getId)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void hasNoGeneratedIds(String code) throws Exception {
    List<String> ids = new ArrayList<>();
    NodeList all = dom(code).getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      String id = ((Element) all.item(i)).getAttribute("id");
      if (!id.isEmpty()) ids.add(id);
    }

    assertThat(ids).isNotEmpty().noneMatch(id -> GENERATED_ID.matcher(id).matches());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void drawsEveryElementForTheModeler(String code) {
    BpmnModelInstance model = model(code);
    Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());

    assertThat(model.getModelElementsByType(FlowNode.class)).extracting(BaseElement::getId)
        .allSatisfy(id -> assertThat(shapes).contains(id));
    assertThat(model.getModelElementsByType(SequenceFlow.class)).extracting(BaseElement::getId)
        .allSatisfy(id -> assertThat(edges).contains(id));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void prerequisitesNameEarlierSteps(String code) {
    Set<String> earlier = new HashSet<>();
    for (StepDescriptor step : pathway(code).steps()) {
      if (step.prerequisite() != null) assertThat(earlier).as(step.code()).contains(step.prerequisite());
      earlier.add(step.code());
    }
  }

  @Test
  void stepMessageNamesAreUniqueAcrossPathways() {
    List<String> names = CATALOG.all().stream().flatMap(d -> d.steps().stream()).map(StepDescriptor::messageName).toList();

    assertThat(names).doesNotHaveDuplicates().doesNotContain(ProcessNames.MESSAGE_CLOSE_REQUESTED);
  }

  @Test
  void processIdsAndBpmnFilesAreUniqueAcrossPathways() {
    assertThat(CATALOG.all()).extracting(PathwayDescriptor::processId).doesNotHaveDuplicates();
    assertThat(CATALOG.all()).extracting(PathwayDescriptor::bpmnResource).doesNotHaveDuplicates();
  }

  // --- helpers

  /** The ids the steps sub-process runs through, in order: each step, its wait before and payment after. */
  private static List<String> chainOf(PathwayDescriptor pathway) {
    List<String> expected = new ArrayList<>();
    expected.add(ProcessNames.ELEMENT_STEPS_START);
    for (StepDescriptor step : pathway.stepsInOrder()) {
      if (step.waitsFor() != null) expected.add(ProcessNames.waitElementId(step.code()));
      expected.add(step.elementId());
      if (step.paymentPoint()) expected.add(step.paymentTaskElementId());
    }
    expected.add(ProcessNames.ELEMENT_STEPS_DONE);
    return expected;
  }

  private static List<String> chainFrom(FlowNode node) {
    List<String> chain = new ArrayList<>();
    for (FlowNode n = node; n != null; n = n.getOutgoing().isEmpty() ? null : next(n)) {
      assertThat(chain).as("a loop at %s", n.getId()).doesNotContain(n.getId());
      chain.add(n.getId());
    }
    return chain;
  }

  /** The only node after this one. */
  private static FlowNode next(FlowNode node) {
    Collection<SequenceFlow> outgoing = node.getOutgoing();
    assertThat(outgoing).as("outgoing flows of %s", node.getId()).hasSize(1);
    return outgoing.iterator().next().getTarget();
  }

  /** The message an event waits for, or null when it is no message event. */
  private static Message messageOf(CatchEvent event) {
    return event.getEventDefinitions().stream()
        .filter(MessageEventDefinition.class::isInstance)
        .map(d -> ((MessageEventDefinition) d).getMessage())
        .findFirst()
        .orElse(null);
  }

  private static String correlationKey(Message message) {
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    return subscription == null ? null : subscription.getCorrelationKey();
  }

  private static String jobType(BaseElement task) {
    assertThat(task).isInstanceOf(Activity.class);
    ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    return definition == null ? null : definition.getType();
  }

  private static Set<String> constants(String prefix) throws IllegalAccessException {
    Set<String> values = new HashSet<>();
    for (Field field : ProcessNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith(prefix)) {
        values.add((String) field.get(null));
      }
    }
    assertThat(values).as("ProcessNames.%s* constants", prefix).isNotEmpty();
    return values;
  }

  private static PathwayDescriptor pathway(String code) {
    return CATALOG.find(code).orElseThrow();
  }

  private static BpmnModelInstance model(String code) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(CATALOG.bpmn(pathway(code))));
  }

  private static org.w3c.dom.Document dom(String code) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(CATALOG.bpmn(pathway(code))));
  }
}
