package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.pathways.ProcessNames.ELEMENT_CLAIM_INSTANCE;
import static org.communityhub.pathways.ProcessNames.ELEMENT_COMPLETE;
import static org.communityhub.pathways.ProcessNames.ELEMENT_END_COMPLETED;
import static org.communityhub.pathways.ProcessNames.ELEMENT_END_DUPLICATE_INSTANCE;
import static org.communityhub.pathways.ProcessNames.ELEMENT_END_FINISHED_INCOMPLETE;
import static org.communityhub.pathways.ProcessNames.ELEMENT_END_FINISHED_INCOMPLETE_TIME_LIMIT;
import static org.communityhub.pathways.ProcessNames.ELEMENT_FINISH_INCOMPLETE;
import static org.communityhub.pathways.ProcessNames.ELEMENT_FINISH_INCOMPLETE_TIME_LIMIT;
import static org.communityhub.pathways.ProcessNames.ELEMENT_TIMER_TIME_LIMIT;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives every pathway's process on the in-memory engine along each path, the test playing the workers.
 * Parametrized over the catalog, so a new pathway gets these tests by being listed.
 */
class PathwayProcessTest {

  private static final PathwayCatalog CATALOG = PathwayCatalog.standard();
  private static final Duration NO_BUFFER = Duration.ZERO;
  private static final Duration BUFFER = Duration.ofHours(1);
  private static final int HEALTHY_BIRTH_WEIGHT_GRAMS = 2500;

  private static InMemoryEngine hub;

  @BeforeAll
  static void startEngine() {
    hub = InMemoryEngine.startWith(CATALOG);
  }

  @AfterAll
  static void stopEngine() {
    hub.close();
  }

  @BeforeEach
  void initAssertions() {
    hub.initAssertions();
  }

  @AfterEach
  void cancelLeftovers() {
    hub.cancelStartedInstances();
  }

  static Stream<String> pathways() {
    return CATALOG.all().stream().map(PathwayDescriptor::code);
  }

  static Stream<Arguments> pathwaysAndRequestableCloseReasons() {
    return CATALOG.all().stream()
        .flatMap(d -> d.closeReasons().stream().filter(CloseReason::requestable).map(r -> Arguments.of(d.code(), r)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void completesWhenEveryStepIsRecorded(String code) {
    PathwayDescriptor pathway = pathway(code);
    String pathwayId = newPathwayId();
    long instance = openAndClaim(pathway, pathwayId);

    for (StepDescriptor step : pathway.steps()) {
      String stepId = hub.publishStep(step, pathwayId, typicalData(step), NO_BUFFER);
      if (step.paymentPoint()) evaluatePayment(pathway, step, stepId, instance);
    }
    completePathway(instance, pathwayId, expectedVariant(pathway, typicalData(pathway.outcome())));

    BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElementsInOrder(stepElementIds(pathway))
        .hasPassedElement(ELEMENT_END_COMPLETED)
        .hasNotPassedElement(ELEMENT_FINISH_INCOMPLETE)
        .hasNotPassedElement(ELEMENT_TIMER_TIME_LIMIT);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pathwaysAndRequestableCloseReasons")
  void finishesIncompleteWithTheRequestedReason(String code, CloseReason reason) {
    PathwayDescriptor pathway = pathway(code);
    String pathwayId = newPathwayId();
    long instance = openAndClaim(pathway, pathwayId);
    StepDescriptor first = pathway.steps().getFirst();
    String stepId = hub.publishStep(first, pathwayId, typicalData(first), NO_BUFFER);
    if (first.paymentPoint()) evaluatePayment(pathway, first, stepId, instance);

    hub.requestClose(pathwayId, reason);

    ActivatedJob finish = hub.job(ProcessNames.JOB_FINISH_INCOMPLETE, instance);
    assertThat(finish.getElementId()).isEqualTo(ELEMENT_FINISH_INCOMPLETE);
    assertThat(finish.getVariablesAsMap())
        .containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayId)
        .containsEntry(ProcessNames.VAR_CLOSE_REASON, reason.name());
    hub.complete(finish, Map.of());
    BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElement(first.elementId())
        .hasPassedElement(ELEMENT_END_FINISHED_INCOMPLETE)
        .hasNotPassedElement(ELEMENT_COMPLETE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void finishesIncompleteWhenTheTimeLimitPasses(String code) {
    PathwayDescriptor pathway = pathway(code);
    String pathwayId = newPathwayId();
    Map<String, String> opening = typicalOpeningFields(pathway);
    Instant deadline = pathway.timeLimit().deadline(hub.today(), opening, InMemoryEngine.HUB_ZONE).toInstant();
    long instance = hub.open(pathway, pathwayId, opening);
    hub.complete(hub.job(ProcessNames.JOB_CLAIM_INSTANCE, instance), Map.of());

    hub.increaseTime(Duration.between(hub.now(), deadline).minusHours(1));
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).isActive().hasNotPassedElement(ELEMENT_TIMER_TIME_LIMIT);

    hub.increaseTime(Duration.ofHours(2));
    ActivatedJob finish = hub.job(ProcessNames.JOB_FINISH_INCOMPLETE, instance);
    assertThat(finish.getElementId()).isEqualTo(ELEMENT_FINISH_INCOMPLETE_TIME_LIMIT);
    assertThat(finish.getVariablesAsMap())
        .containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayId)
        .containsEntry(ProcessNames.VAR_CLOSE_REASON, CloseReason.TIME_LIMIT.name());
    hub.complete(finish, Map.of());
    BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElement(ELEMENT_END_FINISHED_INCOMPLETE_TIME_LIMIT)
        .hasNotPassedElement(ELEMENT_FINISH_INCOMPLETE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void picksUpStepsPublishedOutOfOrderWhenTheProcessGetsThere(String code) {
    PathwayDescriptor pathway = pathway(code);
    String pathwayId = newPathwayId();
    long instance = hub.open(pathway, pathwayId, typicalOpeningFields(pathway));

    Map<String, String> stepIds = new HashMap<>();
    for (StepDescriptor step : pathway.steps().reversed()) {
      stepIds.put(step.code(), hub.publishStep(step, pathwayId, typicalData(step), BUFFER));
    }
    hub.complete(hub.job(ProcessNames.JOB_CLAIM_INSTANCE, instance), Map.of());
    for (StepDescriptor step : pathway.steps()) {
      if (step.paymentPoint()) evaluatePayment(pathway, step, stepIds.get(step.code()), instance);
    }
    completePathway(instance, pathwayId, expectedVariant(pathway, typicalData(pathway.outcome())));

    BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElementsInOrder(stepElementIds(pathway))
        .hasPassedElement(ELEMENT_END_COMPLETED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void endsASecondInstanceOfTheSamePathwayAtDuplicateInstance(String code) {
    PathwayDescriptor pathway = pathway(code);
    String pathwayId = newPathwayId();
    long owner = openAndClaim(pathway, pathwayId);

    long duplicate = hub.open(pathway, pathwayId, typicalOpeningFields(pathway));
    hub.throwError(hub.job(ProcessNames.JOB_CLAIM_INSTANCE, duplicate), ProcessNames.ERROR_DUPLICATE_INSTANCE);

    BpmnAssert.assertThat(new InspectedProcessInstance(duplicate))
        .isCompleted()
        .hasPassedElement(ELEMENT_END_DUPLICATE_INSTANCE)
        .hasNotPassedElement(ProcessNames.ELEMENT_STEPS);
    StepDescriptor first = pathway.steps().getFirst();
    hub.publishStep(first, pathwayId, typicalData(first), NO_BUFFER);
    BpmnAssert.assertThat(new InspectedProcessInstance(owner)).isActive().hasPassedElement(first.elementId());
  }

  @ParameterizedTest(name = "{0} g")
  @CsvSource({"3400", "2500", "2499", "1800"})
  void pregnancyOutcomeVariantFollowsBirthWeight(int birthWeightGrams) {
    PathwayDescriptor pregnancy = pathway("PREGNANCY");
    String pathwayId = newPathwayId();
    long instance = openAndClaim(pregnancy, pathwayId);
    Map<String, Object> delivery = Map.of("birthWeightGrams", birthWeightGrams);
    String expected = birthWeightGrams >= HEALTHY_BIRTH_WEIGHT_GRAMS ? "HEALTHY_BIRTH_WEIGHT" : "LOW_BIRTH_WEIGHT";

    for (StepDescriptor step : pregnancy.steps()) {
      Map<String, Object> data = step.equals(pregnancy.outcome()) ? delivery : typicalData(step);
      String stepId = hub.publishStep(step, pathwayId, data, NO_BUFFER);
      if (step.paymentPoint()) evaluatePayment(pregnancy, step, stepId, instance);
    }
    completePathway(instance, pathwayId, expected);

    assertThat(pregnancy.outcomeVariants()).contains(expected);
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).isCompleted().hasPassedElement(ELEMENT_END_COMPLETED);
  }

  // --- the test playing the HUB and its workers

  private static long openAndClaim(PathwayDescriptor pathway, String pathwayId) {
    long instance = hub.open(pathway, pathwayId, typicalOpeningFields(pathway));
    ActivatedJob claim = hub.job(ProcessNames.JOB_CLAIM_INSTANCE, instance);
    assertThat(claim.getElementId()).isEqualTo(ELEMENT_CLAIM_INSTANCE);
    assertThat(claim.getVariablesAsMap()).containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayId);
    hub.complete(claim, Map.of());
    return instance;
  }

  /** Plays the payment worker: checks what it is given, answers milestone and (for the outcome) variant. */
  private static void evaluatePayment(PathwayDescriptor pathway, StepDescriptor step, String stepId, long instance) {
    ActivatedJob job = hub.job(ProcessNames.JOB_EVALUATE_PAYMENT, instance);
    assertThat(job.getElementId()).isEqualTo(step.paymentTaskElementId());
    assertThat(job.getCustomHeaders()).containsEntry(ProcessNames.HEADER_STEP_CODE, step.code());
    Map<String, Object> variables = job.getVariablesAsMap();
    assertThat(variables)
        .containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayIdOf(job))
        .containsEntry(ProcessNames.VAR_STEP_ID, stepId);
    Map<String, Object> result = new HashMap<>();
    result.put(ProcessNames.VAR_MILESTONE, step.code());
    if (step.equals(pathway.outcome())) result.put(ProcessNames.VAR_OUTCOME_VARIANT, expectedVariant(pathway, variables));
    hub.complete(job, result);
  }

  private static void completePathway(long instance, String pathwayId, String expectedVariant) {
    ActivatedJob complete = hub.job(ProcessNames.JOB_COMPLETE, instance);
    assertThat(complete.getElementId()).isEqualTo(ELEMENT_COMPLETE);
    assertThat(complete.getVariablesAsMap())
        .containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayId)
        .containsEntry(ProcessNames.VAR_OUTCOME_VARIANT, expectedVariant);
    hub.complete(complete, Map.of());
  }

  /** The payment rule the test worker applies (the real one lives in the rules module). */
  private static String expectedVariant(PathwayDescriptor pathway, Map<String, Object> variables) {
    if (pathway.code().equals("PREGNANCY")) {
      int grams = ((Number) variables.get("birthWeightGrams")).intValue();
      return grams >= HEALTHY_BIRTH_WEIGHT_GRAMS ? "HEALTHY_BIRTH_WEIGHT" : "LOW_BIRTH_WEIGHT";
    }
    return pathway.outcomeVariants().getFirst();
  }

  private static String pathwayIdOf(ActivatedJob job) {
    return (String) job.getVariable(ProcessNames.VAR_PATHWAY_ID);
  }

  /** Valid opening fields: a date 100 days ahead for each DATE field (e.g. the estimated due date). */
  private static Map<String, String> typicalOpeningFields(PathwayDescriptor pathway) {
    Map<String, String> fields = new HashMap<>();
    for (FieldDescriptor field : pathway.openingFields()) fields.put(field.name(), sample(field));
    return fields;
  }

  private static Map<String, Object> typicalData(StepDescriptor step) {
    Map<String, Object> data = new HashMap<>();
    for (FieldDescriptor field : step.dataFields()) {
      data.put(field.name(), switch (field.type()) {
        case INTEGER -> field.name().equals("birthWeightGrams") ? 3200 : 1;
        case BOOLEAN -> true;
        default -> sample(field);
      });
    }
    return data;
  }

  private static String sample(FieldDescriptor field) {
    return switch (field.type()) {
      case DATE -> hub.today().plusDays(100).toString();
      case INTEGER -> "1";
      case BOOLEAN -> "true";
      case TEXT -> "sample";
    };
  }

  private static String[] stepElementIds(PathwayDescriptor pathway) {
    List<String> ids = new ArrayList<>();
    pathway.steps().forEach(s -> ids.add(s.elementId()));
    return ids.toArray(String[]::new);
  }

  private static PathwayDescriptor pathway(String code) {
    return CATALOG.find(code).orElseThrow();
  }

  private static String newPathwayId() {
    return UUID.randomUUID().toString();
  }
}
