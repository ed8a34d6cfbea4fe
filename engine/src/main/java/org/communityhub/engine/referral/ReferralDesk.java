package org.communityhub.engine.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyKind;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayOpening;
import org.communityhub.engine.registry.Client;
import org.communityhub.engine.registry.ClientRegistration;
import org.communityhub.engine.registry.ClientRegistry;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives partners' referrals and lets the receiving agency decide: accepting enrolls the person through
 * the registry's duplicate check (or takes the client the supervisor names) and opens the pathway, in one
 * transaction; rejecting keeps the reason for the partner.
 */
@Service
public class ReferralDesk {

  private final Referrals referrals;
  private final Staff staff;
  private final DefinitionPublishing definitions;
  private final ClientRegistry registry;
  private final PathwayOpening opening;
  private final HubClock clock;

  ReferralDesk(Referrals referrals, Staff staff, DefinitionPublishing definitions, ClientRegistry registry,
      PathwayOpening opening, HubClock clock) {
    this.referrals = referrals;
    this.staff = staff;
    this.definitions = definitions;
    this.registry = registry;
    this.opening = opening;
    this.clock = clock;
  }

  /**
   * How the receiving agency takes the person on: a new client (the registry refuses a probable duplicate
   * unless overridden with a reason, as at registration), or the client it already has.
   */
  public record Acceptance(UUID clientId, @Size(max = 500) String duplicateOverrideReason) {}

  public record Rejection(@NotBlank @Size(max = 500) String reason) {}

  /** A partner's referral, stored pending; the same partner reference again answers the first referral. */
  @Transactional
  public Referral receive(NewReferral request, Actor partner) {
    if (partner.role() != Role.PARTNER) {
      throw new Forbidden("Referrals are sent by partners");
    }
    if (request.partnerReference() != null) {
      var earlier = referrals.findByPartnerAgencyIdAndPartnerReference(partner.agencyId(), request.partnerReference());
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    boolean receivingAgency = staff.agency(request.receivingAgencyId())
        .filter(agency -> agency.kind() == AgencyKind.CARE_COORDINATION_AGENCY).isPresent();
    if (!receivingAgency) {
      throw new InvalidInput("Task.owner", "must name a care coordination agency of the HUB (Organization/<id>)");
    }
    if (definitions.activeDefinitions().stream().noneMatch(definition -> definition.code().equals(request.pathwayCode()))) {
      throw new InvalidInput("ServiceRequest.code", "names no pathway of the HUB: " + request.pathwayCode());
    }
    try {
      return referrals.saveAndFlush(Referral.received(request, partner, clock.now()));
    } catch (DataIntegrityViolationException raced) {
      // The same partner reference committed concurrently: that referral is this one.
      return referrals.findByPartnerAgencyIdAndPartnerReference(partner.agencyId(), request.partnerReference())
          .orElseThrow(() -> raced);
    }
  }

  /** The referral, if the caller may see it: its partner, the receiving agency, HUB administrators. */
  @Transactional(readOnly = true)
  public Referral find(UUID referralId, Actor actor) {
    return referrals.findById(referralId).filter(referral -> referral.visibleTo(actor))
        .orElseThrow(() -> new NotFound("Referral", referralId));
  }

  /** Referrals waiting for a decision: the supervisor's agency's, or all for a HUB administrator. */
  @Transactional(readOnly = true)
  public List<Referral> pending(Actor actor) {
    return switch (actor.role()) {
      case HUB_ADMIN -> referrals.findByStatusOrderByReceivedAt(ReferralStatus.PENDING);
      case SUPERVISOR -> referrals.findByReceivingAgencyIdAndStatusOrderByReceivedAt(actor.agencyId(),
          ReferralStatus.PENDING);
      case CHW, FUNDER, PARTNER -> throw new Forbidden("Supervisors and HUB administrators decide on referrals");
    };
  }

  /**
   * Accepted by a supervisor of the receiving agency (the client is enrolled in their agency): the client
   * registered or named, the pathway opened, the referral accepted — all or nothing.
   */
  @Transactional
  public Referral accept(UUID referralId, Acceptance acceptance, Actor actor) {
    Referral referral = decidable(referralId, actor);
    if (actor.role() != Role.SUPERVISOR) {
      throw new Forbidden("A supervisor of the receiving agency enrolls the client");
    }
    Client client = acceptance.clientId() != null ? registry.findForWork(acceptance.clientId(), actor)
        : registry.register(new ClientRegistration(referral.givenName(), referral.familyName(),
            referral.birthDate(), referral.phone(), referral.medicaidId(), null,
            acceptance.duplicateOverrideReason()), actor);
    Pathway pathway = opening.open(client.id(),
        new PathwayOpening.OpenRequest(referral.pathwayCode(), null, java.util.Map.of()), actor);
    referral.accept(client.id(), pathway.id(), actor, clock.now());
    return referrals.saveAndFlush(referral);
  }

  @Transactional
  public Referral reject(UUID referralId, Rejection rejection, Actor actor) {
    Referral referral = decidable(referralId, actor);
    referral.reject(rejection.reason(), actor, clock.now());
    return referrals.saveAndFlush(referral);
  }

  /** Whether a partner referred this client (its referral was accepted as this client). */
  @Transactional(readOnly = true)
  public boolean referredBy(UUID clientId, UUID partnerAgencyId) {
    return referrals.existsByPartnerAgencyIdAndClientId(partnerAgencyId, clientId);
  }

  private Referral decidable(UUID referralId, Actor actor) {
    Referral referral = referrals.lockById(referralId)
        .filter(found -> actor.role() == Role.HUB_ADMIN
            || actor.role() == Role.SUPERVISOR && actor.agencyId().equals(found.receivingAgencyId()))
        .orElseThrow(() -> new NotFound("Referral", referralId));
    return referral;
  }
}
