package org.communityhub.engine.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyScope;
import org.communityhub.engine.payment.Payers;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers clients after checking the registry for the same person, and reads them back in scope. */
@Service
public class ClientRegistry {

  private final Clients clients;
  private final Payers payers;
  private final HubClock clock;

  ClientRegistry(Clients clients, Payers payers, HubClock clock) {
    this.clients = clients;
    this.payers = payers;
    this.clock = clock;
  }

  @Transactional
  public Client register(ClientRegistration registration, Actor actor) {
    UUID payerId = registration.coverage() == null ? null
        : payers.idOf(registration.coverage().payer())
            .orElseThrow(() -> new InvalidInput("coverage.payer", "unknown payer code"));
    refuseDuplicates(registration);
    try {
      return clients.save(Client.register(registration, actor.agencyId(), payerId, clock.now()));
    } catch (DataIntegrityViolationException raced) {
      // Another registration with the same Medicaid id committed between our check and our insert.
      throw clients.findByMedicaidId(registration.medicaidId().strip())
          .map(existing -> new DuplicateClient(List.of(existing.id()), false))
          .orElseThrow(() -> raced);
    }
  }

  @Transactional(readOnly = true)
  public Client find(UUID clientId, Actor actor) {
    Client client = clients.findById(clientId)
        .orElseThrow(() -> new org.communityhub.engine.support.NotFound("Client", clientId));
    AgencyScope.check(actor, client.agencyId(), "Client", clientId);
    return client;
  }

  private void refuseDuplicates(ClientRegistration registration) {
    if (registration.medicaidId() != null && !registration.medicaidId().isBlank()) {
      clients.findByMedicaidId(registration.medicaidId().strip()).ifPresent(existing -> {
        throw new DuplicateClient(List.of(existing.id()), false);
      });
    }
    Set<UUID> probable = new LinkedHashSet<>();
    clients.findByNameKeyAndBirthDate(
            NameKey.of(registration.givenName(), registration.familyName()), registration.birthDate())
        .forEach(match -> probable.add(match.id()));
    String phoneKey = NameKey.phone(registration.phone());
    if (phoneKey != null) {
      clients.findByPhoneKeyAndBirthDate(phoneKey, registration.birthDate())
          .forEach(match -> probable.add(match.id()));
    }
    boolean overridden = registration.duplicateOverrideReason() != null
        && !registration.duplicateOverrideReason().isBlank();
    if (!probable.isEmpty() && !overridden) {
      throw new DuplicateClient(List.copyOf(probable), true);
    }
  }
}
