package org.communityhub.engine.registry;

import java.util.List;
import java.util.UUID;

/**
 * A feature that keeps records of a client (pathways, checklists) and moves them to the survivor when two
 * records of one person are merged. The registry asks each participant, so it never reaches into their
 * tables; each participant decides what stands in the way of the merge.
 */
public interface MergeParticipant {

  /** What the participant calls its records, e.g. "pathways". */
  String kind();

  /** The duplicate's records that would move to the survivor. */
  List<UUID> recordsOf(UUID duplicate);

  /** What must be resolved before the two records may become one; empty when nothing is in the way. */
  List<MergeObstacle> obstacles(UUID survivor, UUID duplicate);

  /** Moves the duplicate's records to the survivor; runs inside the merge's transaction. */
  void move(UUID survivor, UUID duplicate, UUID survivorAgency);

  /** One thing in the way: what it is, the two records involved, and what to do about it. */
  record MergeObstacle(String what, UUID survivorRecord, UUID duplicateRecord, String remedy) {}
}
