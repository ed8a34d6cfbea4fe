package org.communityhub.engine.pathway;

import org.communityhub.engine.registry.ClientTransfers.ClientTransferred;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When a client moves to another agency, their open pathways move with them (same transaction). */
@Component
class PathwaysFollowTheirClient {

  private final Pathways pathways;

  PathwaysFollowTheirClient(Pathways pathways) {
    this.pathways = pathways;
  }

  @EventListener
  void on(ClientTransferred transferred) {
    // Locked one by one, as the engine's workers lock them: a worker's concurrent write waits, never loses.
    pathways.idsOfClient(transferred.clientId()).forEach(id ->
        pathways.lockById(id).ifPresent(pathway -> pathway.followClientTo(transferred.toAgency())));
  }
}
