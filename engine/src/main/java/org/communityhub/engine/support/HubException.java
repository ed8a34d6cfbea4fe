package org.communityhub.engine.support;

import java.util.List;
import java.util.Map;

/**
 * A request the HUB refuses, named by its outcome in subclasses. The kind decides the HTTP status at the
 * edge; the field problems say which input was wrong and why.
 */
public abstract class HubException extends RuntimeException {

  public enum Kind { BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE, PRECONDITION_FAILED, UNAVAILABLE }

  private final Kind kind;
  private final List<FieldProblem> fieldProblems;

  protected HubException(Kind kind, String message, List<FieldProblem> fieldProblems) {
    super(message);
    this.kind = kind;
    this.fieldProblems = List.copyOf(fieldProblems);
  }

  protected HubException(Kind kind, String message) {
    this(kind, message, List.of());
  }

  public Kind kind() {
    return kind;
  }

  public List<FieldProblem> fieldProblems() {
    return fieldProblems;
  }

  /** Extra members of the problem document, e.g. the candidates of a probable duplicate. */
  public Map<String, Object> properties() {
    return Map.of();
  }
}
