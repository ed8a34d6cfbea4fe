package org.communityhub.engine.pathway;

import org.communityhub.engine.support.FieldProblem;
import org.communityhub.engine.support.HubException;
import java.util.List;

/** The Idempotency-Key was already used for a request with a different body. */
public class IdempotencyKeyReused extends HubException {

  IdempotencyKeyReused() {
    super(Kind.UNPROCESSABLE, "This Idempotency-Key was already used with a different request body",
        List.of(new FieldProblem("Idempotency-Key", "already used with a different body")));
  }
}
