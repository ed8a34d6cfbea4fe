package org.communityhub.engine.workflow;

import io.camunda.client.CamundaClient;
import java.util.UUID;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.definition.PathwayDefinition;
import org.communityhub.engine.definition.PathwayDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deploys each published definition version to the engine once and records the engine's key for it, so
 * that pathways start on exactly the version they opened on, never on the engine's "latest".
 */
@Component
class EngineDeployment {

  private static final Logger log = LoggerFactory.getLogger(EngineDeployment.class);

  private final CamundaClient client;
  private final PathwayDefinitions definitions;

  EngineDeployment(CamundaClient client, PathwayDefinitions definitions) {
    this.client = client;
    this.definitions = definitions;
  }

  /** Deploys every version not yet known to the engine. A failure is logged and retried on first use. */
  void deployPending() {
    for (PathwayDefinition definition : definitions.findByEngineKeyIsNull()) {
      try {
        deploy(definition);
      } catch (RuntimeException e) {
        log.warn("Could not deploy {} yet; will retry when a pathway needs it: {}",
            definition.resourceName(), e.getMessage());
      }
    }
  }

  /**
   * A version an administrator published goes to the engine right away (after its transaction commits, in
   * a transaction of its own); if the engine is away, the first pathway to need it deploys it.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void on(DefinitionPublishing.DefinitionPublished published) {
    try {
      engineKeyOf(published.definitionId());
    } catch (RuntimeException e) {
      log.warn("Could not deploy published definition {} yet; will retry when a pathway needs it: {}",
          published.definitionId(), e.getMessage());
    }
  }

  /** The engine key of a definition version, deploying it first if the engine does not know it yet. */
  @Transactional
  long engineKeyOf(UUID definitionId) {
    PathwayDefinition definition = definitions.findById(definitionId)
        .orElseThrow(() -> new IllegalStateException("Unknown pathway definition " + definitionId));
    return definition.engineKey() != null ? definition.engineKey() : deploy(definition);
  }

  /**
   * Deploys a version again, whatever key is recorded for it, and records the key the engine answers: after
   * the engine lost its data, or on a new cluster, the recorded key means nothing there. An engine that has
   * this very BPMN as its latest version answers the key it has.
   */
  @Transactional
  long redeploy(UUID definitionId) {
    return deploy(definitions.findById(definitionId)
        .orElseThrow(() -> new IllegalStateException("Unknown pathway definition " + definitionId)));
  }

  private long deploy(PathwayDefinition definition) {
    var deployment = client.newDeployResourceCommand()
        .addResourceBytes(definition.bpmn(), definition.resourceName())
        .send()
        .join();
    long key = deployment.getProcesses().stream()
        .filter(process -> process.getBpmnProcessId().equals(definition.processId()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(definition.resourceName()
            + " does not define process " + definition.processId()))
        .getProcessDefinitionKey();
    definition.recordEngineKey(key);
    definitions.save(definition);
    log.info("Deployed {} as process definition key {}", definition.resourceName(), key);
    return key;
  }
}
