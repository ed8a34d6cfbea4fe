package org.communityhub.rules;

import java.util.List;
import java.util.Objects;

/** Result of compile: either the compiled version or the errors. */
public record CompileResult(Decision decision, String version, List<CompileError> errors) {

    public CompileResult {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(version, "version");
        errors = List.copyOf(errors);
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }
}
