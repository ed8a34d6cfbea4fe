package org.communityhub.engine.workflow;

import java.util.UUID;
import org.communityhub.engine.support.HubException;

/** One rebuild at a time: two would hand the same pathways over twice, in no defined order. */
public class RebuildAlreadyRunning extends HubException {

  RebuildAlreadyRunning(UUID running) {
    super(Kind.CONFLICT, "Engine rebuild " + running + " is running; follow it at /admin/engine/rebuilds/" + running);
  }
}
