package org.communityhub.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.communityhub.engine.support.HubException;
import org.communityhub.rules.CompileError;
import org.junit.jupiter.api.Test;

class RulePackageRejectedTest {

  @Test
  void locatesEveryErrorInTheDrlAndNamesTheField() {
    RulePackageRejected rejected = new RulePackageRejected("does not compile",
        List.of(new CompileError(6, 45, "mismatched input 'yes'"), new CompileError(0, 0, "The package has no rules")));

    assertThat(rejected.kind()).isEqualTo(HubException.Kind.UNPROCESSABLE);
    assertThat(rejected.properties().get("errors")).isEqualTo(List.of(
        Map.of("field", "drl", "line", 6, "column", 45, "message", "mismatched input 'yes'",
            "reason", "line 6, column 45: mismatched input 'yes'"),
        Map.of("field", "drl", "line", 0, "column", 0, "message", "The package has no rules",
            "reason", "line 0, column 0: The package has no rules")));
  }
}
