package org.communityhub.engine.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * What a CHW submits to register a client. A probable duplicate is refused unless the CHW overrides the
 * check with a reason; an exact identifier (Medicaid id) match can never be overridden.
 */
public record ClientRegistration(
    @NotBlank @Size(max = 200) String givenName,
    @NotBlank @Size(max = 200) String familyName,
    @NotNull @PastOrPresent LocalDate birthDate,
    @Size(max = 40) String phone,
    @Size(max = 64) String medicaidId,
    @Valid Coverage coverage,
    @Size(max = 500) String duplicateOverrideReason) {

  /** The client's coverage: the payer of record for their pathways, and their member id there. */
  public record Coverage(@NotBlank @Size(max = 64) String payer, @Size(max = 64) String memberId) {}
}
