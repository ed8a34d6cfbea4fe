package org.communityhub.engine.decision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.engine.support.HubException;
import org.communityhub.rules.CompileError;

/**
 * A rule package that does not compile, or compiles but fails on the decision's example facts: nothing is
 * stored or activated. Every error is located in the author's DRL (line and column, 0 when Drools gives none).
 */
public class RulePackageRejected extends HubException {

  private final List<CompileError> errors;

  public RulePackageRejected(String message, List<CompileError> errors) {
    super(Kind.UNPROCESSABLE, message);
    this.errors = List.copyOf(errors);
  }

  public List<CompileError> errors() {
    return errors;
  }

  /** The problem's "errors": the usual field and reason, plus the DRL position for an editor to jump to. */
  @Override
  public Map<String, Object> properties() {
    return Map.of("errors", errors.stream().map(error -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("field", "drl");
      entry.put("line", error.line());
      entry.put("column", error.column());
      entry.put("message", error.message());
      entry.put("reason", "line " + error.line() + ", column " + error.column() + ": " + error.message());
      return entry;
    }).toList());
  }
}
