package org.communityhub.engine.support;

/** The caller's copy is stale: the object changed since they read it (If-Match did not match). */
public class PreconditionFailed extends HubException {

  public PreconditionFailed(String what, long current) {
    super(Kind.PRECONDITION_FAILED, "The " + what + " changed since you read it (it is at version " + current
        + " now): read it again, then decide");
  }
}
