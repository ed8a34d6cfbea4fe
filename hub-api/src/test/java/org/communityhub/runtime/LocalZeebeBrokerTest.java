package org.communityhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.PartitionInfo;
import io.camunda.client.api.response.Topology;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real 8.5.8 broker, started through {@link LocalZeebeBroker}, driven by the 8.8 client over gRPC. */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LocalZeebeBrokerTest {

  private static final String JOB_TYPE = "runtime-smoke-work";
  private static final BpmnModelInstance WAITING_PROCESS = Bpmn.createExecutableProcess("runtime-smoke")
      .startEvent()
      .serviceTask("Work", task -> task.zeebeJobType(JOB_TYPE))
      .endEvent()
      .done();

  @TempDir Path dataDir;

  @Test
  void startsServesAndStopsCleanly() {
    LocalZeebeBroker broker = new LocalZeebeBroker(dataDir, properties(TestProcesses.freePorts(5)));
    long pid = -1;
    try {
      broker.start();
      pid = broker.pid();
      assertThat(dataDir.resolve("zeebe-broker.pid")).content().isEqualToIgnoringWhitespace(Long.toString(pid));

      try (CamundaClient client = client(broker)) {
        Topology topology = client.newTopologyRequest().send().join();
        assertThat(topology.getBrokers()).singleElement()
            .satisfies(info -> assertThat(info.getPartitions()).anyMatch(PartitionInfo::isLeader));

        long definition = deploy(client);
        long instance = client.newCreateInstanceCommand().processDefinitionKey(definition).send().join()
            .getProcessInstanceKey();
        assertThat(activatedInstances(client, Set.of(instance))).contains(instance);
      }

      broker.close();

      assertThat(TestProcesses.isAlive(pid)).isFalse();
      assertThat(dataDir.resolve("zeebe-broker.pid")).doesNotExist();
    } finally {
      broker.close();
      TestProcesses.kill(pid);
    }
  }

  @Test
  void takesOverBrokerLeftRunningByKilledApplication() {
    LocalBrokerProperties properties = properties(TestProcesses.freePorts(5));
    LocalZeebeBroker first = new LocalZeebeBroker(dataDir, properties);
    LocalZeebeBroker second = new LocalZeebeBroker(dataDir, properties);
    long firstPid = -1;
    try {
      first.start();
      firstPid = first.pid();
      long definition;
      long before;
      try (CamundaClient client = client(first)) {
        definition = deploy(client);
        before = client.newCreateInstanceCommand().processDefinitionKey(definition).send().join()
            .getProcessInstanceKey();
      }
      first.abandon(); // as if the application had been killed: broker and pid file stay

      second.start();

      assertThat(TestProcesses.isAlive(firstPid)).as("the leftover broker was stopped").isFalse();
      assertThat(second.pid()).isNotEqualTo(firstPid);
      try (CamundaClient client = client(second)) {
        long after = client.newCreateInstanceCommand().processDefinitionKey(definition).send().join()
            .getProcessInstanceKey();
        assertThat(activatedInstances(client, Set.of(before, after))).contains(before, after);
      }
    } finally {
      second.close();
      first.close();
      TestProcesses.kill(firstPid);
    }
  }

  static LocalBrokerProperties properties(int[] ports) {
    return new LocalBrokerProperties(null, null, ports[0], ports[1], ports[2], ports[3], ports[4], "512m",
        Duration.ofSeconds(120), Duration.ofSeconds(30));
  }

  static CamundaClient client(LocalZeebeBroker broker) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(broker.gatewayAddress())
        .restAddress(broker.restAddress())
        .preferRestOverGrpc(false)
        .build();
  }

  private static long deploy(CamundaClient client) {
    return client.newDeployResourceCommand()
        .addProcessModel(WAITING_PROCESS, "runtime-smoke.bpmn")
        .send().join()
        .getProcesses().getFirst().getProcessDefinitionKey();
  }

  /** The instances whose waiting job could be activated, polling until all expected ones are seen. */
  private static Set<Long> activatedInstances(CamundaClient client, Set<Long> expected) {
    Set<Long> instances = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && !instances.containsAll(expected)) {
      client.newActivateJobsCommand().jobType(JOB_TYPE).maxJobsToActivate(10)
          .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(2))
          .send().join().getJobs().stream().map(ActivatedJob::getProcessInstanceKey).forEach(instances::add);
    }
    return instances;
  }
}
