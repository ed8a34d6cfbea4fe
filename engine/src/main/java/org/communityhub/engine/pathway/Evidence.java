package org.communityhub.engine.pathway;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** How a step was verified: who confirmed it, how, and when. Outcome steps cannot be recorded without it. */
public record Evidence(
    @NotBlank @Size(max = 200) String confirmedBy,
    @NotBlank @Size(max = 200) String method,
    @NotNull LocalDate confirmedOn) {}
