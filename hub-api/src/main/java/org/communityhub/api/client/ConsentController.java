package org.communityhub.api.client;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.consent.Consent;
import org.communityhub.engine.consent.ConsentCategory;
import org.communityhub.engine.consent.ConsentRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A client's consents to share their record with partners over FHIR (docs/fhir.md), recorded by their care team. */
@RestController
class ConsentController {

  private final ConsentRegistry consents;
  private final CurrentActor actor;

  ConsentController(ConsentRegistry consents, CurrentActor actor) {
    this.consents = consents;
    this.actor = actor;
  }

  record ConsentView(UUID id, UUID clientId, UUID partnerAgencyId, List<ConsentCategory> categories,
      LocalDate validFrom, LocalDate validTo, Instant recordedAt, Instant revokedAt, String revokeReason,
      boolean active) {

    static ConsentView of(Consent consent) {
      return new ConsentView(consent.id(), consent.clientId(), consent.partnerAgencyId(), consent.categories(),
          consent.validFrom(), consent.validTo(), consent.recordedAt(), consent.revokedAt(), consent.revokeReason(),
          consent.activeOn(LocalDate.now(java.time.ZoneOffset.UTC)));
    }
  }

  @PostMapping("/clients/{clientId}/consents")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<ConsentView> give(@PathVariable UUID clientId, @Valid @RequestBody ConsentRegistry.NewConsent request) {
    Consent consent = consents.record(clientId, request, actor.get());
    return ResponseEntity.created(URI.create("/clients/" + clientId + "/consents/" + consent.id()))
        .body(ConsentView.of(consent));
  }

  @GetMapping("/clients/{clientId}/consents")
  List<ConsentView> list(@PathVariable UUID clientId) {
    return consents.ofClient(clientId, actor.get()).stream().map(ConsentView::of).toList();
  }

  /** From now on the partner reads nothing more of the client's record (what it read before stays read). */
  @PostMapping("/clients/{clientId}/consents/{consentId}/revoke")
  ConsentView revoke(@PathVariable UUID clientId, @PathVariable UUID consentId,
      @Valid @RequestBody ConsentRegistry.Revocation revocation) {
    return ConsentView.of(consents.revoke(clientId, consentId, revocation, actor.get()));
  }
}
