package org.communityhub.engine.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Agency;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.agency.AgencyScope;
import org.communityhub.engine.payment.Payers;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers clients after checking the registry for the same person, and reads them back in scope. */
@Service
public class ClientRegistry {

  private final Clients clients;
  private final Payers payers;
  private final Staff staff;
  private final HubClock clock;

  ClientRegistry(Clients clients, Payers payers, Staff staff, HubClock clock) {
    this.clients = clients;
    this.payers = payers;
    this.staff = staff;
    this.clock = clock;
  }

  @Transactional
  public Client register(ClientRegistration registration, Actor actor) {
    UUID payerId = registration.coverage() == null ? null
        : payers.idOf(registration.coverage().payer())
            .orElseThrow(() -> new InvalidInput("coverage.payer", "unknown payer code"));
    refuseDuplicates(registration, actor);
    try {
      return clients.save(Client.register(registration, actor, payerId, clock.now()));
    } catch (DataIntegrityViolationException raced) {
      // Another registration with the same Medicaid id committed between our check and our insert.
      throw clients.findByMedicaidId(registration.medicaidId().strip())
          .map(existing -> duplicate(List.of(existing), actor, false))
          .orElseThrow(() -> raced);
    }
  }

  @Transactional(readOnly = true)
  public Client find(UUID clientId, Actor actor) {
    Client client = clients.findById(clientId)
        .orElseThrow(() -> new NotFound("Client", clientId));
    AgencyScope.check(actor, client.agencyId(), "Client", clientId);
    return client;
  }

  /** The client, for new work (a checklist, a pathway): never a record merged into another. */
  @Transactional(readOnly = true)
  public Client findForWork(UUID clientId, Actor actor) {
    Client client = find(clientId, actor);
    client.refuseIfMerged();
    return client;
  }

  private void refuseDuplicates(ClientRegistration registration, Actor actor) {
    if (registration.medicaidId() != null && !registration.medicaidId().isBlank()) {
      clients.findByMedicaidId(registration.medicaidId().strip()).ifPresent(existing -> {
        throw duplicate(List.of(existing), actor, false);
      });
    }
    Map<UUID, Client> probable = new LinkedHashMap<>();
    clients.findByNameKeyAndBirthDateAndMergedIntoIsNull(
            NameKey.of(registration.givenName(), registration.familyName()), registration.birthDate())
        .forEach(match -> probable.put(match.id(), match));
    String phoneKey = NameKey.phone(registration.phone());
    if (phoneKey != null) {
      clients.findByPhoneKeyAndBirthDateAndMergedIntoIsNull(phoneKey, registration.birthDate())
          .forEach(match -> probable.put(match.id(), match));
    }
    boolean overridden = registration.duplicateOverrideReason() != null
        && !registration.duplicateOverrideReason().isBlank();
    if (!probable.isEmpty() && !overridden) {
      throw duplicate(List.copyOf(probable.values()), actor, true);
    }
  }

  /** Candidates the caller may see by id; of the others only the agency to coordinate with. */
  private DuplicateClient duplicate(List<Client> matches, Actor actor, boolean overridable) {
    List<UUID> visible = matches.stream()
        .filter(match -> actor.maySeeClientsOf(match.agencyId()))
        .map(Client::id)
        .toList();
    List<Agency> otherAgencies = matches.stream()
        .filter(match -> !actor.maySeeClientsOf(match.agencyId()))
        .map(Client::agencyId)
        .distinct()
        .map(agencyId -> staff.agency(agencyId).orElseThrow())
        .toList();
    return new DuplicateClient(visible, otherAgencies, overridable);
  }
}
