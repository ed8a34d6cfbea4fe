package org.communityhub.engine.support;

import java.util.List;

/** Input that is well-formed but cannot be accepted: an unknown code, a missing required value. */
public class InvalidInput extends HubException {

  public InvalidInput(List<FieldProblem> problems) {
    super(Kind.UNPROCESSABLE, "The request has invalid fields", problems);
  }

  public InvalidInput(String field, String reason) {
    this(List.of(new FieldProblem(field, reason)));
  }
}
