package org.communityhub.engine.workflow;

import org.communityhub.engine.definition.DefinitionPublishing;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Start-up work before the HUB serves requests: publish the standard catalog into PostgreSQL, then deploy
 * every version the engine does not know yet. Runs before the outbox delivery and the web server start.
 */
@Component
class WorkflowStartup implements SmartLifecycle {

  private final DefinitionPublishing publishing;
  private final EngineDeployment deployment;
  private volatile boolean running;

  WorkflowStartup(DefinitionPublishing publishing, EngineDeployment deployment) {
    this.publishing = publishing;
    this.deployment = deployment;
  }

  @Override
  public void start() {
    publishing.publishStandardCatalog();
    deployment.deployPending();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 0;
  }
}
