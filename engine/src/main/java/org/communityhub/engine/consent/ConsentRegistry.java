package org.communityhub.engine.consent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyKind;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.registry.Client;
import org.communityhub.engine.registry.ClientRegistry;
import org.communityhub.engine.registry.Clients;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records and revokes consents (the client's care team), and answers what a partner may read today. */
@Service
public class ConsentRegistry {

  private final Consents consents;
  private final Clients clients;
  private final ClientRegistry registry;
  private final Staff staff;
  private final HubClock clock;

  ConsentRegistry(Consents consents, Clients clients, ClientRegistry registry, Staff staff, HubClock clock) {
    this.consents = consents;
    this.clients = clients;
    this.registry = registry;
    this.staff = staff;
    this.clock = clock;
  }

  /** A consent as the care team records it: with which partner, what, from when until when (open-ended if no end). */
  public record NewConsent(
      @NotNull UUID partnerAgencyId,
      @NotEmpty @Size(max = 10) List<@NotNull ConsentCategory> categories,
      @NotNull LocalDate validFrom,
      LocalDate validTo) {}

  public record Revocation(@NotBlank @Size(max = 500) String reason) {}

  @Transactional
  public Consent record(UUID clientId, NewConsent request, Actor actor) {
    registry.findForWork(clientId, actor);
    boolean partner = staff.agency(request.partnerAgencyId())
        .filter(agency -> agency.kind() == AgencyKind.PARTNER).isPresent();
    if (!partner) {
      throw new InvalidInput("partnerAgencyId", "must name a partner organisation of the HUB");
    }
    if (!request.categories().contains(ConsentCategory.SOCIAL_CARE)) {
      throw new InvalidInput("categories", "must include SOCIAL_CARE; SUBSTANCE_USE adds to it");
    }
    if (request.validTo() != null && request.validTo().isBefore(request.validFrom())) {
      throw new InvalidInput("validTo", "must not be before validFrom");
    }
    return consents.saveAndFlush(Consent.given(clientId, request, actor, clock.now()));
  }

  @Transactional
  public Consent revoke(UUID clientId, UUID consentId, Revocation revocation, Actor actor) {
    registry.find(clientId, actor);
    Consent consent = consents.findById(consentId).filter(found -> found.clientId().equals(clientId))
        .orElseThrow(() -> new NotFound("Consent", consentId));
    consent.revoke(revocation.reason(), actor, clock.now());
    return consents.saveAndFlush(consent);
  }

  @Transactional(readOnly = true)
  public List<Consent> ofClient(UUID clientId, Actor actor) {
    registry.find(clientId, actor);
    return consents.findByClientIdOrderByRecordedAt(clientId);
  }

  /** The client, when their active consent lets this partner read their record (SOCIAL_CARE); not found otherwise. */
  @Transactional(readOnly = true)
  public Client sharedClient(UUID clientId, UUID partnerAgencyId) {
    if (!sharedWith(clientId, partnerAgencyId).contains(ConsentCategory.SOCIAL_CARE)) {
      throw new NotFound("Client", clientId);
    }
    return clients.findById(clientId).orElseThrow(() -> new NotFound("Client", clientId));
  }

  /** What the client's active consents let this partner read today; empty when nothing. */
  @Transactional(readOnly = true)
  public Set<ConsentCategory> sharedWith(UUID clientId, UUID partnerAgencyId) {
    Set<ConsentCategory> shared = EnumSet.noneOf(ConsentCategory.class);
    consents.findByClientIdAndPartnerAgencyId(clientId, partnerAgencyId).stream()
        .filter(consent -> consent.activeOn(clock.today()))
        .forEach(consent -> shared.addAll(consent.categories()));
    return shared;
  }
}
