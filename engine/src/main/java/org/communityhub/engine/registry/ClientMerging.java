package org.communityhub.engine.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.registry.MergeParticipant.MergeObstacle;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes two records of one person one: a HUB administrator proposes the merge and sees what would move
 * and what stands in the way, then confirms it. The survivor takes the duplicate's pathways and checklists
 * (and the identifiers it lacks); the duplicate stays, pointing at the survivor.
 */
@Service
public class ClientMerging {

  public enum MergeStatus { PROPOSED, MERGED }

  public record MergeRequest(@NotNull UUID duplicateId, @NotBlank @Size(max = 500) String reason) {}

  /** A merge as the administrator sees it; records are the ids that would move, or moved, per kind. */
  public record Merge(UUID id, UUID survivorId, UUID duplicateId, String reason, MergeStatus status,
      Map<String, List<UUID>> records, List<MergeObstacle> obstacles, UUID proposedBy, Instant proposedAt,
      UUID confirmedBy, Instant confirmedAt) {}

  /** The form the moved records are kept in once the merge is confirmed. */
  private record Moved(Map<String, List<UUID>> records) {}

  private record Row(UUID id, UUID survivorId, UUID duplicateId, String reason, MergeStatus status,
      long survivorVersion, long duplicateVersion, String moved, UUID proposedBy, Instant proposedAt,
      UUID confirmedBy, Instant confirmedAt) {}

  private final Clients clients;
  private final List<MergeParticipant> participants;
  private final JdbcClient jdbc;
  private final HubClock clock;

  ClientMerging(Clients clients, List<MergeParticipant> participants, JdbcClient jdbc, HubClock clock) {
    this.clients = clients;
    this.participants = participants.stream().sorted(Comparator.comparing(MergeParticipant::kind)).toList();
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records the proposal and shows what the merge would do; nothing moves yet. */
  @Transactional
  public Merge propose(UUID survivorId, MergeRequest request, Actor actor) {
    requireAdministrator(actor);
    Client survivor = clients.findById(survivorId).orElseThrow(() -> new NotFound("Client", survivorId));
    Client duplicate = clients.findById(request.duplicateId())
        .orElseThrow(() -> new InvalidInput("duplicateId", "no client with this id"));
    duplicate.checkMergeableInto(survivor);
    UUID id = UUID.randomUUID();
    jdbc.sql("""
            insert into client_merge (id, survivor_id, duplicate_id, reason, status, survivor_version,
                                      duplicate_version, proposed_by, proposed_at)
            values (?, ?, ?, ?, 'PROPOSED', ?, ?, ?, ?)""")
        .params(id, survivorId, duplicate.id(), request.reason().strip(), survivor.version(),
            duplicate.version(), actor.userId(), Timestamp.from(clock.now()))
        .update();
    return view(row(survivorId, id));
  }

  @Transactional(readOnly = true)
  public Merge find(UUID survivorId, UUID mergeId, Actor actor) {
    requireAdministrator(actor);
    return view(row(survivorId, mergeId));
  }

  /**
   * Carries the proposal out, if both records are as they were when it was shown and nothing stands in
   * the way (e.g. the same pathway open on both: one must first be closed as DUPLICATE).
   */
  @Transactional
  public Merge confirm(UUID survivorId, UUID mergeId, Actor actor) {
    requireAdministrator(actor);
    Row proposal = row(survivorId, mergeId);
    if (proposal.status() == MergeStatus.MERGED) {
      throw MergeRefused.alreadyConfirmed();
    }
    // Both locked, in one order, so two merges of the same records cannot interleave or deadlock.
    Map<UUID, Client> locked = new LinkedHashMap<>();
    Stream.of(proposal.survivorId(), proposal.duplicateId()).sorted()
        .forEach(id -> locked.put(id, clients.lockById(id).orElseThrow()));
    Client survivor = locked.get(proposal.survivorId());
    Client duplicate = locked.get(proposal.duplicateId());
    if (survivor.version() != proposal.survivorVersion() || duplicate.version() != proposal.duplicateVersion()) {
      throw MergeRefused.outdated();
    }
    List<MergeObstacle> obstacles = obstacles(proposal);
    if (!obstacles.isEmpty()) {
      throw MergeRefused.blocked(obstacles);
    }
    Map<String, List<UUID>> moving = recordsOf(proposal.duplicateId());
    // The duplicate lets go of its Medicaid id before the survivor takes it: the id is unique.
    Client.Handover handover = duplicate.mergeInto(survivor);
    clients.saveAndFlush(duplicate);
    survivor.absorb(handover);
    clients.saveAndFlush(survivor);
    participants.forEach(participant ->
        participant.move(survivor.id(), duplicate.id(), survivor.agencyId()));
    jdbc.sql("""
            update client_merge set status = 'MERGED', confirmed_by = ?, confirmed_at = ?, moved = cast(? as jsonb)
             where id = ?""")
        .params(actor.userId(), Timestamp.from(clock.now()), Json.write(new Moved(moving)), mergeId)
        .update();
    return view(row(survivorId, mergeId));
  }

  private Merge view(Row row) {
    boolean merged = row.status() == MergeStatus.MERGED;
    return new Merge(row.id(), row.survivorId(), row.duplicateId(), row.reason(), row.status(),
        merged ? Json.read(row.moved(), Moved.class).records() : recordsOf(row.duplicateId()),
        merged ? List.of() : obstacles(row), row.proposedBy(), row.proposedAt(), row.confirmedBy(),
        row.confirmedAt());
  }

  private Map<String, List<UUID>> recordsOf(UUID duplicate) {
    Map<String, List<UUID>> records = new LinkedHashMap<>();
    participants.forEach(participant -> records.put(participant.kind(), participant.recordsOf(duplicate)));
    return records;
  }

  private List<MergeObstacle> obstacles(Row row) {
    return participants.stream()
        .flatMap(participant -> participant.obstacles(row.survivorId(), row.duplicateId()).stream())
        .toList();
  }

  private Row row(UUID survivorId, UUID mergeId) {
    return jdbc.sql("select * from client_merge where id = ? and survivor_id = ?")
        .params(mergeId, survivorId)
        .query(ClientMerging::mapRow)
        .optional()
        .orElseThrow(() -> new NotFound("Merge", mergeId));
  }

  private static void requireAdministrator(Actor actor) {
    if (actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden("Only a HUB administrator merges client records");
    }
  }

  private static Row mapRow(ResultSet rs, int rowNumber) throws SQLException {
    Timestamp confirmedAt = rs.getTimestamp("confirmed_at");
    return new Row(rs.getObject("id", UUID.class), rs.getObject("survivor_id", UUID.class),
        rs.getObject("duplicate_id", UUID.class), rs.getString("reason"),
        MergeStatus.valueOf(rs.getString("status")), rs.getLong("survivor_version"),
        rs.getLong("duplicate_version"), rs.getString("moved"), rs.getObject("proposed_by", UUID.class),
        rs.getTimestamp("proposed_at").toInstant(), rs.getObject("confirmed_by", UUID.class),
        confirmedAt == null ? null : confirmedAt.toInstant());
  }
}
