package org.communityhub.engine.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyKind;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a client to another care coordination agency: a HUB administrator's decision, with a reason kept in
 * the transfer record. The client's open pathways follow (the pathway package listens for the event).
 */
@Service
public class ClientTransfers {

  private final Clients clients;
  private final Staff staff;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final HubClock clock;

  ClientTransfers(Clients clients, Staff staff, JdbcClient jdbc, ApplicationEventPublisher events, HubClock clock) {
    this.clients = clients;
    this.staff = staff;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  public record Transfer(@NotNull UUID agencyId, @NotBlank @Size(max = 500) String reason) {}

  /** A client changed agency; listeners move what belongs to the client with them, in the same transaction. */
  public record ClientTransferred(UUID clientId, UUID fromAgency, UUID toAgency) {}

  @Transactional
  public Client transfer(UUID clientId, Transfer transfer, Actor actor) {
    if (actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden("Only a HUB administrator transfers clients between agencies");
    }
    Client client = clients.findById(clientId).orElseThrow(() -> new NotFound("Client", clientId));
    var target = staff.agency(transfer.agencyId())
        .filter(agency -> agency.kind() == AgencyKind.CARE_COORDINATION_AGENCY)
        .orElseThrow(() -> new InvalidInput("agencyId", "not a care coordination agency"));
    UUID from = client.agencyId();
    client.transferTo(target.id());
    clients.save(client);
    jdbc.sql("""
            insert into client_transfer (id, client_id, from_agency_id, to_agency_id, reason, transferred_by,
                                         transferred_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID(), clientId, from, target.id(), transfer.reason().strip(), actor.userId(),
            Timestamp.from(clock.now()))
        .update();
    events.publishEvent(new ClientTransferred(clientId, from, target.id()));
    return client;
  }
}
