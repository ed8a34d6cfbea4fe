package org.communityhub.engine.definition;

import org.communityhub.engine.support.HubException;

/** The Modeler's lint rules cannot run on this server, so nothing is published unchecked. */
class LintUnavailable extends HubException {

  LintUnavailable(java.nio.file.Path directory) {
    super(Kind.UNAVAILABLE, "Camunda Modeler's lint rules are not installed on this server (bpmnlint in "
        + directory + ": install Node.js and run `npm ci` there); pathway uploads wait until they are");
  }
}
