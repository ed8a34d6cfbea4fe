package org.communityhub.api.admin;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.registry.Client;
import org.communityhub.engine.registry.ClientTransfers;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ClientTransferController {

  private final ClientTransfers transfers;
  private final CurrentActor actor;

  ClientTransferController(ClientTransfers transfers, CurrentActor actor) {
    this.transfers = transfers;
    this.actor = actor;
  }

  /** The client, and their open pathways, move to another care coordination agency. */
  @PostMapping("/admin/clients/{clientId}/transfer")
  @ApiResponse(responseCode = "409", description = "The client record was merged into another (`mergedInto`).")
  Map<String, Object> transfer(@PathVariable UUID clientId, @Valid @RequestBody ClientTransfers.Transfer transfer) {
    Client client = transfers.transfer(clientId, transfer, actor.get());
    return Map.of("clientId", client.id(), "agencyId", client.agencyId());
  }
}
