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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives every pathway's process on the in-memory engine along each path, the test playing the workers:
 * completed in each outcome variant, finished incomplete for each allowed close reason, by each step that
 * finishes it, and by the time limit with the clock moved. Parametrized over the catalog, so a new pathway
 * gets these tests by being listed. The test's payment worker answers the variant under test: which variant
 * a step really earns is the payment rules' business (rules module, hub-api behaviour tables).
 */
class PathwayProcessTest {

  private static final PathwayCatalog CATALOG = PathwayCatalog.standard();
  private static final Duration NO_BUFFER = Duration.ZERO;
  /** Long enough for a step recorded early to outlive any wait before the process reaches it. */
  private static final Duration BUFFER = Duration.ofDays(90);
  /** A timer whose date has passed fires at the engine's next timer check; moving the clock makes one. */
  private static final Duration PAST_DUE_TIMERS_FIRE = Duration.ofMinutes(1);

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

  static Stream<Arguments> pathwaysAndOutcomeVariants() {
    return CATALOG.all().stream().flatMap(d -> d.variantCodes().stream().map(v -> Arguments.of(d.code(), v)));
  }

  static Stream<Arguments> stepsThatFinishIncomplete() {
    return CATALOG.all().stream().flatMap(d -> d.finishingSteps().stream().map(s -> Arguments.of(d.code(), s.code())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pathwaysAndOutcomeVariants")
  void completesInEachOutcomeVariantWhenEveryStepIsRecorded(String code, String variant) {
    PathwayDescriptor pathway = pathway(code);
    String pathwayId = newPathwayId();
    long instance = openAndClaim(pathway, pathwayId);

    for (StepDescriptor step : pathway.stepsInOrder()) {
      if (step.waitsFor() != null) passTheWait(pathway, step, instance, hub.today());
      String stepId = hub.publishStep(step, pathwayId, typicalData(step), NO_BUFFER);
      if (step.paymentPoint()) evaluatePayment(pathway, step, stepId, instance, variant);
    }
    completePathway(instance, pathwayId, variant);

    BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElementsInOrder(chainIds(pathway))
        .hasPassedElement(ELEMENT_END_COMPLETED)
        .hasNotPassedElement(ELEMENT_FINISH_INCOMPLETE)
        .hasNotPassedElement(ELEMENT_TIMER_TIME_LIMIT);
  }

  /** One instance per requestable reason, run side by side: the close message carries the reason through. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void finishesIncompleteForEachAllowedCloseReason(String code) {
    PathwayDescriptor pathway = pathway(code);
    Map<CloseReason, String> pathwayIds = new EnumMap<>(CloseReason.class);
    Map<CloseReason, Long> instances = new EnumMap<>(CloseReason.class);
    for (CloseReason reason : pathway.closeReasonCodes().stream().filter(CloseReason::requestable).toList()) {
      pathwayIds.put(reason, newPathwayId());
      instances.put(reason, hub.open(pathway, pathwayIds.get(reason), typicalOpeningFields(pathway)));
    }
    assertThat(instances).as("requestable close reasons of %s", code).isNotEmpty();
    hub.completeAll(hub.jobs(ProcessNames.JOB_CLAIM_INSTANCE, instances.values()).values(), Map.of());
    StepDescriptor first = pathway.stepsInOrder().getFirst();
    pathwayIds.values().forEach(id -> hub.publishStep(first, id, typicalData(first), NO_BUFFER));
    if (first.paymentPoint()) {
      hub.completeAll(hub.jobs(ProcessNames.JOB_EVALUATE_PAYMENT, instances.values()).values(),
          Map.of(ProcessNames.VAR_MILESTONE, first.code()));
    }

    pathwayIds.forEach((reason, id) -> hub.requestClose(id, reason));

    Map<Long, ActivatedJob> finishes = hub.jobs(ProcessNames.JOB_FINISH_INCOMPLETE, instances.values());
    instances.forEach((reason, instance) -> {
      ActivatedJob finish = finishes.get(instance);
      assertThat(finish.getElementId()).isEqualTo(ELEMENT_FINISH_INCOMPLETE);
      assertThat(finish.getVariablesAsMap()).as("%s", reason)
          .containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayIds.get(reason))
          .containsEntry(ProcessNames.VAR_CLOSE_REASON, reason.name());
    });
    hub.completeAll(finishes.values(), Map.of());
    instances.values().forEach(instance -> BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElement(first.elementId())
        .hasPassedElement(ELEMENT_END_FINISHED_INCOMPLETE)
        .hasNotPassedElement(ELEMENT_COMPLETE));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stepsThatFinishIncomplete")
  void finishesIncompleteWithItsReasonWhenAStepThatFinishesItIsRecorded(String code, String stepCode) {
    PathwayDescriptor pathway = pathway(code);
    StepDescriptor finishing = pathway.step(stepCode).orElseThrow();
    String pathwayId = newPathwayId();
    long instance = openAndClaim(pathway, pathwayId);
    recordStepsUpTo(pathway, finishing.prerequisite(), pathwayId, instance);

    hub.publishStep(finishing, pathwayId, typicalData(finishing), NO_BUFFER);

    finishIncompleteAt(pathway, finishing, pathwayId, instance);
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
    for (StepDescriptor step : pathway.stepsInOrder().reversed()) {
      stepIds.put(step.code(), hub.publishStep(step, pathwayId, typicalData(step), BUFFER));
    }
    hub.complete(hub.job(ProcessNames.JOB_CLAIM_INSTANCE, instance), Map.of());
    String variant = pathway.variantCodes().getFirst();
    for (StepDescriptor step : pathway.stepsInOrder()) {
      if (step.waitsFor() != null) passTheWait(pathway, step, instance, hub.today());
      if (step.paymentPoint()) evaluatePayment(pathway, step, stepIds.get(step.code()), instance, variant);
    }
    completePathway(instance, pathwayId, variant);

    BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElementsInOrder(chainIds(pathway))
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
    StepDescriptor first = pathway.stepsInOrder().getFirst();
    hub.publishStep(first, pathwayId, typicalData(first), NO_BUFFER);
    BpmnAssert.assertThat(new InspectedProcessInstance(owner)).isActive().hasPassedElement(first.elementId());
  }

  // --- Employment: the verification waits 30 days after the job started (VERIFIED in the domain notes)

  @Test
  void employmentHoldsAnEarlyVerificationUntilThirtyDaysAfterTheJobStarted() {
    PathwayDescriptor employment = pathway("EMPLOYMENT");
    StepDescriptor verified = employment.outcome();
    String pathwayId = newPathwayId();
    long instance = openAndClaim(employment, pathwayId);
    LocalDate jobStart = hub.today().minusDays(10);
    recordStepsUpTo(employment, "JOB_STARTED", pathwayId, instance, Map.of("jobStartDate", jobStart.toString()));

    String verifiedId = hub.publishStep(verified, pathwayId, Map.of(), BUFFER);
    Instant due = jobStart.plusDays(30).atStartOfDay(InMemoryEngine.HUB_ZONE).toInstant();
    hub.increaseTime(Duration.between(hub.now(), due).minusHours(1));
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).isActive()
        .hasNotPassedElement(ProcessNames.waitElementId(verified.code()))
        .hasNotPassedElement(verified.elementId());

    hub.increaseTime(Duration.ofHours(2));
    evaluatePayment(employment, verified, verifiedId, instance, OutcomeVariant.STANDARD);
    completePathway(instance, pathwayId, OutcomeVariant.STANDARD);
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).isCompleted()
        .hasPassedElementsInOrder(ProcessNames.waitElementId(verified.code()), verified.elementId(), ELEMENT_END_COMPLETED);
  }

  @Test
  void employmentTakesTheVerificationAtOnceWhenTheJobStartedMoreThanThirtyDaysAgo() {
    PathwayDescriptor employment = pathway("EMPLOYMENT");
    StepDescriptor verified = employment.outcome();
    String pathwayId = newPathwayId();
    long instance = openAndClaim(employment, pathwayId);
    recordStepsUpTo(employment, "JOB_STARTED", pathwayId, instance,
        Map.of("jobStartDate", hub.today().minusDays(31).toString()));

    String verifiedId = hub.publishStep(verified, pathwayId, Map.of(), BUFFER);
    hub.increaseTime(PAST_DUE_TIMERS_FIRE);

    evaluatePayment(employment, verified, verifiedId, instance, OutcomeVariant.STANDARD);
    completePathway(instance, pathwayId, OutcomeVariant.STANDARD);
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).isCompleted().hasPassedElement(ELEMENT_END_COMPLETED);
  }

  @Test
  void employmentFinishesIncompleteWhenTheLossOfAnEarlierJobIsReportedAfterTheWaitEnded() {
    PathwayDescriptor employment = pathway("EMPLOYMENT");
    StepDescriptor lost = employment.step("JOB_LOST").orElseThrow();
    String pathwayId = newPathwayId();
    long instance = openAndClaim(employment, pathwayId);
    recordStepsUpTo(employment, "JOB_STARTED", pathwayId, instance,
        Map.of("jobStartDate", hub.today().minusDays(40).toString()));
    hub.increaseTime(PAST_DUE_TIMERS_FIRE);
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).isActive()
        .hasPassedElement(ProcessNames.waitElementId(employment.outcome().code()));

    hub.publishStep(lost, pathwayId, Map.of(), NO_BUFFER);

    finishIncompleteAt(employment, lost, pathwayId, instance);
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

  /** Records the steps in order, up to and including {@code lastStep} (none when null), paying as it goes. */
  private static void recordStepsUpTo(PathwayDescriptor pathway, String lastStep, String pathwayId, long instance) {
    recordStepsUpTo(pathway, lastStep, pathwayId, instance, Map.of());
  }

  private static void recordStepsUpTo(PathwayDescriptor pathway, String lastStep, String pathwayId, long instance,
      Map<String, Object> lastStepData) {
    if (lastStep == null) return;
    for (StepDescriptor step : pathway.stepsInOrder()) {
      Map<String, Object> data = step.code().equals(lastStep) ? lastStepData : typicalData(step);
      String stepId = hub.publishStep(step, pathwayId, data, NO_BUFFER);
      if (step.paymentPoint()) evaluatePayment(pathway, step, stepId, instance, pathway.variantCodes().getFirst());
      if (step.code().equals(lastStep)) return;
    }
  }

  /** The process waits on the step's timer until its day comes, then goes on. */
  private static void passTheWait(PathwayDescriptor pathway, StepDescriptor step, long instance, LocalDate from) {
    String wait = ProcessNames.waitElementId(step.code());
    Instant due = step.waitsFor().dayAfter(from).atStartOfDay(InMemoryEngine.HUB_ZONE).toInstant();
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).isActive().hasNotPassedElement(wait);
    hub.increaseTime(Duration.between(hub.now(), due).plusHours(1));
    BpmnAssert.assertThat(new InspectedProcessInstance(instance)).as("%s %s", pathway.code(), wait)
        .hasPassedElement(wait);
  }

  private static void finishIncompleteAt(PathwayDescriptor pathway, StepDescriptor finishing, String pathwayId,
      long instance) {
    ActivatedJob finish = hub.job(ProcessNames.JOB_FINISH_INCOMPLETE, instance);
    assertThat(finish.getElementId()).isEqualTo(ProcessNames.finishIncompleteTaskElementId(finishing.code()));
    assertThat(finish.getVariablesAsMap())
        .containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayId)
        .containsEntry(ProcessNames.VAR_CLOSE_REASON, finishing.finishesIncomplete().name());
    hub.complete(finish, Map.of());
    BpmnAssert.assertThat(new InspectedProcessInstance(instance))
        .isCompleted()
        .hasPassedElement(finishing.elementId())
        .hasPassedElement(ProcessNames.finishedIncompleteEndElementId(finishing.code()))
        .hasNotPassedElement(pathway.outcome().elementId())
        .hasNotPassedElement(ELEMENT_COMPLETE);
  }

  /** Plays the payment worker: checks what it is given, answers the milestone and, for the outcome, the variant. */
  private static void evaluatePayment(PathwayDescriptor pathway, StepDescriptor step, String stepId, long instance,
      String variant) {
    ActivatedJob job = hub.job(ProcessNames.JOB_EVALUATE_PAYMENT, instance);
    assertThat(job.getElementId()).isEqualTo(step.paymentTaskElementId());
    assertThat(job.getCustomHeaders()).containsEntry(ProcessNames.HEADER_STEP_CODE, step.code());
    assertThat(job.getVariablesAsMap())
        .containsEntry(ProcessNames.VAR_PATHWAY_ID, pathwayIdOf(job))
        .containsEntry(ProcessNames.VAR_STEP_ID, stepId);
    Map<String, Object> result = new HashMap<>();
    result.put(ProcessNames.VAR_MILESTONE, step.code());
    if (step.equals(pathway.outcome())) result.put(ProcessNames.VAR_OUTCOME_VARIANT, variant);
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

  private static String pathwayIdOf(ActivatedJob job) {
    return (String) job.getVariable(ProcessNames.VAR_PATHWAY_ID);
  }

  /** Valid opening fields: a date 100 days ahead for each DATE field (e.g. the estimated due date). */
  private static Map<String, String> typicalOpeningFields(PathwayDescriptor pathway) {
    Map<String, String> fields = new HashMap<>();
    for (FieldDescriptor field : pathway.openingFields()) fields.put(field.name(), sample(field, hub.today().plusDays(100)));
    return fields;
  }

  /** Valid step data: today for each DATE field (e.g. the day the job started). */
  private static Map<String, Object> typicalData(StepDescriptor step) {
    Map<String, Object> data = new HashMap<>();
    for (FieldDescriptor field : step.dataFields()) {
      data.put(field.name(), switch (field.type()) {
        case INTEGER -> field.name().equals("birthWeightGrams") ? 3200 : 1;
        case BOOLEAN -> true;
        default -> sample(field, hub.today());
      });
    }
    return data;
  }

  private static String sample(FieldDescriptor field, LocalDate date) {
    return switch (field.type()) {
      case DATE -> date.toString();
      case INTEGER -> "1";
      case BOOLEAN -> "true";
      case TEXT -> "sample";
    };
  }

  /** The steps the process passes through, with the waits before them, in order. */
  private static String[] chainIds(PathwayDescriptor pathway) {
    List<String> ids = new ArrayList<>();
    for (StepDescriptor step : pathway.stepsInOrder()) {
      if (step.waitsFor() != null) ids.add(ProcessNames.waitElementId(step.code()));
      ids.add(step.elementId());
    }
    return ids.toArray(String[]::new);
  }

  private static PathwayDescriptor pathway(String code) {
    return CATALOG.find(code).orElseThrow();
  }

  private static String newPathwayId() {
    return UUID.randomUUID().toString();
  }
}
