package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.filters.RecordStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The in-memory Zeebe engine with the standard catalog deployed, and the test playing the HUB: it opens
 * pathways, publishes steps and close requests the way the outbox will, and activates and completes the
 * jobs the way the workers will. One per test class; tests run one after another.
 */
final class InMemoryEngine implements AutoCloseable {

  static final ZoneOffset HUB_ZONE = ZoneOffset.UTC;
  // Waits, not time limits: generous, because a shared 2-core machine under load stalls for many seconds.
  private static final Duration IDLE = Duration.ofSeconds(60);
  private static final Duration JOB_WAIT = Duration.ofSeconds(60);

  private final ZeebeTestEngine engine;
  private final CamundaClient client;
  private final List<Long> started = new ArrayList<>();
  /** How far the engine's clock was moved ahead of the wall clock. */
  private Duration clockOffset = Duration.ZERO;

  private InMemoryEngine(ZeebeTestEngine engine, CamundaClient client) {
    this.engine = engine;
    this.client = client;
  }

  static InMemoryEngine startWith(PathwayCatalog catalog) {
    ZeebeTestEngine engine = EngineFactory.create();
    engine.start();
    CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(60))
        .build();
    InMemoryEngine result = new InMemoryEngine(engine, client);
    result.deploy(catalog);
    return result;
  }

  private void deploy(PathwayCatalog catalog) {
    List<PathwayDescriptor> pathways = catalog.all();
    var command = client.newDeployResourceCommand()
        .addResourceBytes(catalog.bpmn(pathways.getFirst()), pathways.getFirst().bpmnResource());
    for (PathwayDescriptor d : pathways.subList(1, pathways.size())) {
      command = command.addResourceBytes(catalog.bpmn(d), d.bpmnResource());
    }
    command.send().join();
  }

  /** Points BpmnAssert at this engine's records (a thread-local: call before each test). */
  void initAssertions() {
    BpmnAssert.initRecordStream(RecordStream.of(engine.getRecordStreamSource()));
  }

  /** The engine's "now". */
  Instant now() {
    return Instant.now().plus(clockOffset);
  }

  LocalDate today() {
    return LocalDate.ofInstant(now(), HUB_ZONE);
  }

  void increaseTime(Duration by) {
    engine.increaseTime(by);
    clockOffset = clockOffset.plus(by);
    idle();
  }

  /** Starts the pathway's process as the engine module will: pathwayId and the deadline as variables. */
  long open(PathwayDescriptor pathway, String pathwayId, Map<String, String> openingFields) {
    OffsetDateTime deadline = pathway.timeLimit().deadline(today(), openingFields, HUB_ZONE);
    Map<String, Object> variables = new HashMap<>(openingFields);
    variables.put(ProcessNames.VAR_PATHWAY_ID, pathwayId);
    variables.put(ProcessNames.VAR_DEADLINE, ProcessNames.deadlineVariable(deadline));
    long key = client.newCreateInstanceCommand()
        .bpmnProcessId(pathway.processId())
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
    started.add(key);
    return key;
  }

  /**
   * Publishes a step message as the outbox will: the step id and only the data fields the descriptor sends
   * to the process; returns the step id.
   */
  String publishStep(StepDescriptor step, String pathwayId, Map<String, Object> data, Duration timeToLive) {
    String stepId = UUID.randomUUID().toString();
    Map<String, Object> variables = new HashMap<>(step.processVariables(data, HUB_ZONE));
    variables.put(ProcessNames.VAR_STEP_ID, stepId);
    client.newPublishMessageCommand()
        .messageName(step.messageName())
        .correlationKey(pathwayId)
        .messageId(stepId)
        .timeToLive(timeToLive)
        .variables(variables)
        .send()
        .join();
    return stepId;
  }

  void requestClose(String pathwayId, CloseReason reason) {
    client.newPublishMessageCommand()
        .messageName(ProcessNames.MESSAGE_CLOSE_REQUESTED)
        .correlationKey(pathwayId)
        .messageId("close-" + pathwayId)
        .timeToLive(Duration.ZERO)
        .variables(Map.of(ProcessNames.VAR_CLOSE_REASON, reason.name()))
        .send()
        .join();
  }

  /** Waits for the one job of this type of this process instance and activates it. */
  ActivatedJob job(String type, long processInstanceKey) {
    long until = System.nanoTime() + JOB_WAIT.toNanos();
    do {
      idle();
      List<ActivatedJob> jobs = client.newActivateJobsCommand()
          .jobType(type)
          .maxJobsToActivate(10)
          .workerName("process-test")
          .send()
          .join()
          .getJobs();
      assertThat(jobs)
          .as("%s jobs of other instances (a test left one behind)", type)
          .allSatisfy(j -> assertThat(j.getProcessInstanceKey()).isEqualTo(processInstanceKey));
      assertThat(jobs).as("%s jobs of instance %d", type, processInstanceKey).hasSizeLessThanOrEqualTo(1);
      if (!jobs.isEmpty()) return jobs.getFirst();
    } while (System.nanoTime() < until);
    return fail("no %s job for instance %d within %s", type, processInstanceKey, JOB_WAIT);
  }

  /**
   * Waits for one job of this type for each of these process instances and activates them all; fails on a
   * job of another instance or a second job of one.
   */
  Map<Long, ActivatedJob> jobs(String type, Collection<Long> processInstanceKeys) {
    Map<Long, ActivatedJob> found = new HashMap<>();
    long until = System.nanoTime() + JOB_WAIT.toNanos();
    do {
      idle();
      List<ActivatedJob> jobs = client.newActivateJobsCommand()
          .jobType(type)
          .maxJobsToActivate(processInstanceKeys.size() + 1)
          .workerName("process-test")
          .send()
          .join()
          .getJobs();
      for (ActivatedJob job : jobs) {
        assertThat(processInstanceKeys).as("%s job of another instance (a test left one behind)", type)
            .contains(job.getProcessInstanceKey());
        assertThat(found.put(job.getProcessInstanceKey(), job)).as("a second %s job of one instance", type).isNull();
      }
      if (found.size() == processInstanceKeys.size()) return found;
    } while (System.nanoTime() < until);
    return fail("%s jobs for %d of %d instances within %s", type, found.size(), processInstanceKeys.size(), JOB_WAIT);
  }

  /** Completes each job without waiting in between, then waits for the engine once. */
  void completeAll(Collection<ActivatedJob> jobs, Map<String, Object> variables) {
    jobs.forEach(job -> client.newCompleteCommand(job.getKey()).variables(variables).send().join());
    idle();
  }

  void complete(ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    idle();
  }

  void throwError(ActivatedJob job, String errorCode) {
    client.newThrowErrorCommand(job.getKey()).errorCode(errorCode).errorMessage("test: " + errorCode).send().join();
    idle();
  }

  void idle() {
    try {
      engine.waitForIdleState(IDLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("engine not idle within " + IDLE, e);
    }
  }

  /** Cancels what the last test left running, so its jobs and timers cannot reach the next test. */
  void cancelStartedInstances() {
    for (long key : started) {
      try {
        client.newCancelInstanceCommand(key).send().join();
      } catch (RuntimeException alreadyEnded) {
        // NOT_FOUND: the instance ended, as most do.
      }
    }
    started.clear();
    idle();
  }

  @Override
  public void close() {
    client.close();
    engine.stop();
  }
}
