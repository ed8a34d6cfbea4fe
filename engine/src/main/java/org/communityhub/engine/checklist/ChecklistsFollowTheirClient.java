package org.communityhub.engine.checklist;

import java.util.List;
import java.util.UUID;
import org.communityhub.engine.registry.MergeParticipant;
import org.springframework.stereotype.Component;

/**
 * A merged-away record's checklists belong to the survivor: its latest answers then come from the whole
 * history of the person. Who submitted each (its agency) stays as it was.
 */
@Component
class ChecklistsFollowTheirClient implements MergeParticipant {

  private final Checklists checklists;

  ChecklistsFollowTheirClient(Checklists checklists) {
    this.checklists = checklists;
  }

  @Override
  public String kind() {
    return "checklists";
  }

  @Override
  public List<UUID> recordsOf(UUID duplicate) {
    return checklists.idsOfClient(duplicate);
  }

  /** Checklists never conflict: a person may have answered several. */
  @Override
  public List<MergeObstacle> obstacles(UUID survivor, UUID duplicate) {
    return List.of();
  }

  @Override
  public void move(UUID survivor, UUID duplicate, UUID survivorAgency) {
    checklists.moveToClient(duplicate, survivor);
  }
}
