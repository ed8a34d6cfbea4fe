package org.communityhub.engine.checklist;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A completed checklist: its kind (INITIAL) and the answer to each question by question code. */
public record ChecklistSubmission(@NotBlank @Size(max = 32) String kind,
    @NotNull @Size(max = 100) Map<String, @Size(max = 200) String> answers) {}
