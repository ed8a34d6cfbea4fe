package org.communityhub.engine.pathway;

import java.util.List;
import java.util.UUID;
import org.communityhub.engine.registry.ClientTransfers.ClientTransferred;
import org.communityhub.engine.registry.MergeParticipant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A client's pathways go where the client goes: to another agency on a transfer (the open ones), to the
 * surviving record on a merge (all of them). Both happen in the transaction that moves the client.
 */
@Component
class PathwaysFollowTheirClient implements MergeParticipant {

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

  @Override
  public String kind() {
    return "pathways";
  }

  @Override
  public List<UUID> recordsOf(UUID duplicate) {
    return pathways.idsOfClient(duplicate);
  }

  /** The same pathway open on both records would be two open pathways of one person: one must close first. */
  @Override
  public List<MergeObstacle> obstacles(UUID survivor, UUID duplicate) {
    return pathways.findByClientIdAndStatus(duplicate, PathwayStatus.ACTIVE).stream()
        .flatMap(open -> pathways.findByClientIdAndCodeAndTypeCodeAndStatus(survivor, open.code(),
                open.typeCode(), PathwayStatus.ACTIVE).stream()
            .map(twin -> new MergeObstacle(
                (open.typeCode().isEmpty() ? open.code() : open.code() + " (" + open.typeCode() + ")")
                    + " pathway open on both records",
                twin.id(), open.id(), "close one of the two with reason DUPLICATE")))
        .toList();
  }

  @Override
  public void move(UUID survivor, UUID duplicate, UUID survivorAgency) {
    pathways.idsOfClient(duplicate).forEach(id ->
        pathways.lockById(id).ifPresent(pathway -> pathway.moveToClient(survivor, survivorAgency)));
  }
}
