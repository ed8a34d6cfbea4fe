package org.communityhub.api.referral;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.communityhub.api.security.AuditedClient;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.referral.Referral;
import org.communityhub.engine.referral.ReferralDesk;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Partners' referrals as the receiving agency decides on them (partners post them as FHIR Tasks: docs/fhir.md). */
@RestController
class ReferralController {

  private final ReferralDesk desk;
  private final CurrentActor actor;

  ReferralController(ReferralDesk desk, CurrentActor actor) {
    this.desk = desk;
    this.actor = actor;
  }

  /** A referral: who it is for, which pathway, from which partner to which agency, and what became of it. */
  record ReferralView(UUID id, UUID partnerAgencyId, UUID receivingAgencyId, String pathwayCode, String givenName,
      String familyName, LocalDate birthDate, String phone, String medicaidId, String note, String status,
      Instant receivedAt, Instant decidedAt, String rejectReason, UUID clientId, UUID pathwayId) {

    static ReferralView of(Referral referral) {
      return new ReferralView(referral.id(), referral.partnerAgencyId(), referral.receivingAgencyId(),
          referral.pathwayCode(), referral.givenName(), referral.familyName(), referral.birthDate(),
          referral.phone(), referral.medicaidId(), referral.note(), referral.status().name(),
          referral.receivedAt(), referral.decidedAt(), referral.rejectReason(),
          referral.clientId().orElse(null), referral.pathwayId().orElse(null));
    }
  }

  /** Pending referrals: a supervisor's agency's, all for a HUB administrator. */
  @GetMapping("/referrals")
  List<ReferralView> pending() {
    return desk.pending(actor.get()).stream().map(ReferralView::of).toList();
  }

  /** A supervisor of the receiving agency enrolls the person (or names the client they already are) and opens the pathway. */
  @PostMapping("/referrals/{referralId}/accept")
  @ApiResponse(responseCode = "409", description = """
      A probable duplicate (as at registration: `candidates`, overridable with duplicateOverrideReason, or name \
      the existing client with clientId), the pathway already open for the client, or the referral already decided.""")
  ReferralView accept(@PathVariable UUID referralId, @Valid @RequestBody ReferralDesk.Acceptance acceptance) {
    Referral accepted = desk.accept(referralId, acceptance, actor.get());
    accepted.clientId().ifPresent(AuditedClient::is);
    return ReferralView.of(accepted);
  }

  @PostMapping("/referrals/{referralId}/reject")
  @ApiResponse(responseCode = "409", description = "The referral was already accepted or rejected.")
  ReferralView reject(@PathVariable UUID referralId, @Valid @RequestBody ReferralDesk.Rejection rejection) {
    return ReferralView.of(desk.reject(referralId, rejection, actor.get()));
  }
}
