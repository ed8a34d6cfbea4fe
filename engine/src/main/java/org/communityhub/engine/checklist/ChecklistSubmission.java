package org.communityhub.engine.checklist;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** A completed checklist: its kind (INITIAL) and the answer to each question by question code. */
public record ChecklistSubmission(@NotBlank String kind, @NotNull Map<String, String> answers) {}
