package org.communityhub.engine.checklist;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Seeds the standard checklists into PostgreSQL before the HUB serves requests. */
@Component
class StandardChecklists implements SmartLifecycle {

  private final ChecklistPublishing publishing;
  private volatile boolean running;

  StandardChecklists(ChecklistPublishing publishing) {
    this.publishing = publishing;
  }

  @Override
  public void start() {
    publishing.publishStandardChecklists();
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
    return 0; // with the pathway catalog, before the web server
  }
}
