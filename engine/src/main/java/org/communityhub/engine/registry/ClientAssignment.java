package org.communityhub.engine.registry;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.AgencyScope;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.agency.StaffMember;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A supervisor hands one client to another CHW of their agency (a HUB administrator may too). */
@Service
public class ClientAssignment {

  private final Clients clients;
  private final Staff staff;

  ClientAssignment(Clients clients, Staff staff) {
    this.clients = clients;
    this.staff = staff;
  }

  public record Assignment(@NotNull UUID userId) {}

  @Transactional
  public Client assign(UUID clientId, Assignment assignment, Actor actor) {
    if (actor.role() != Role.SUPERVISOR && actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden("Only a supervisor or a HUB administrator reassigns clients");
    }
    Client client = clients.lockById(clientId).orElseThrow(() -> new NotFound("Client", clientId));
    AgencyScope.check(actor, client.agencyId(), "Client", clientId);
    StaffMember chw = staff.member(assignment.userId())
        .filter(member -> member.active() && member.role() == Role.CHW
            && member.agencyId().equals(client.agencyId()))
        .orElseThrow(() -> new InvalidInput("userId", "not an active CHW of the client's agency"));
    client.assignTo(chw.id());
    return clients.save(client);
  }
}
