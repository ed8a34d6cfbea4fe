package org.communityhub.engine.workflow;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.communityhub.engine.workflow.RebuildProgress.Phase;
import org.communityhub.engine.workflow.RebuildProgress.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of every rebuild of engine state: its phase, counts, and the pathways it handed over. */
@Repository
class EngineRebuilds {

  enum Outcome { REPLAYED, CLOSED, FAILED }

  private final JdbcClient jdbc;

  EngineRebuilds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A new running rebuild; refused while another runs (a unique index, so across instances too). The
   * conflict is not an error: the request's transaction (an Idempotency-Key holds one) must stay usable.
   */
  UUID begin(String requestedBy, List<UUID> scope, Instant now) {
    UUID id = UUID.randomUUID();
    while (true) {
      int inserted = jdbc.sql("""
              insert into engine_rebuild (id, requested_by, scope, status, phase, started_at)
              values (?, ?, cast(? as uuid[]), 'RUNNING', 'WAITING_FOR_ENGINE', ?)
              on conflict do nothing""")
          .params(id, requestedBy, scope.isEmpty() ? null : array(scope), Timestamp.from(now))
          .update();
      if (inserted == 1) {
        return id;
      }
      // The running one may have ended in between: then the next insert goes in.
      running().ifPresent(running -> {
        throw new RebuildAlreadyRunning(running);
      });
    }
  }

  /** Of these ids, the ones no pathway has. */
  List<UUID> unknownPathways(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Set<UUID> known = Set.copyOf(jdbc.sql("select id from pathway where id = any(cast(? as uuid[]))")
        .param(array(ids)).query(UUID.class).list());
    return ids.stream().filter(id -> !known.contains(id)).toList();
  }

  private static String array(List<UUID> ids) {
    return "{" + ids.stream().map(UUID::toString).collect(Collectors.joining(",")) + "}";
  }

  Optional<UUID> running() {
    return jdbc.sql("select id from engine_rebuild where status = 'RUNNING'").query(UUID.class).optional();
  }

  void phase(UUID id, Phase phase) {
    jdbc.sql("update engine_rebuild set phase = ? where id = ?").params(phase.name(), id).update();
  }

  void definitionsRedeployed(UUID id, int count) {
    jdbc.sql("update engine_rebuild set definitions = ? where id = ?").params(count, id).update();
  }

  void pathwaysTotal(UUID id, int count) {
    jdbc.sql("update engine_rebuild set pathways_total = ? where id = ?").params(count, id).update();
  }

  /** A pathway's hand-over; a failed one is tried again when the rebuild resumes, and overwritten. */
  void pathway(UUID id, UUID pathwayId, Outcome outcome, int steps, String error, Instant now) {
    jdbc.sql("""
            insert into engine_rebuild_pathway (rebuild_id, pathway_id, outcome, steps, error, at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (rebuild_id, pathway_id)
            do update set outcome = excluded.outcome, steps = excluded.steps, error = excluded.error, at = excluded.at""")
        .params(id, pathwayId, outcome.name(), steps, error, Timestamp.from(now))
        .update();
  }

  /** The pathways this rebuild has handed over (or found closed): a resumed rebuild skips them. */
  Set<UUID> handedOver(UUID id) {
    return Set.copyOf(jdbc.sql("""
            select pathway_id from engine_rebuild_pathway where rebuild_id = ? and outcome <> 'FAILED'""")
        .param(id).query(UUID.class).list());
  }

  void finished(UUID id, Instant now) {
    end(id, Status.FINISHED, null, now);
  }

  void failed(UUID id, String error, Instant now) {
    end(id, Status.FAILED, error, now);
  }

  private void end(UUID id, Status status, String error, Instant now) {
    jdbc.sql("""
            update engine_rebuild set status = ?, phase = 'DONE', last_error = coalesce(?, last_error),
                   finished_at = ?
             where id = ?""")
        .params(status.name(), error, Timestamp.from(now), id)
        .update();
  }

  Optional<RebuildProgress> progress(UUID id) {
    return jdbc.sql("""
            select r.*,
                   (select count(*) from engine_rebuild_pathway p
                     where p.rebuild_id = r.id and p.outcome <> 'FAILED') as done,
                   (select count(*) from engine_rebuild_pathway p
                     where p.rebuild_id = r.id and p.outcome = 'FAILED') as failed,
                   array(select p.pathway_id from engine_rebuild_pathway p
                          where p.rebuild_id = r.id and p.outcome = 'FAILED' order by p.at limit 100) as failed_ids
              from engine_rebuild r where r.id = ?""")
        .param(id)
        .query((rs, row) -> new RebuildProgress(id, Status.valueOf(rs.getString("status")),
            Phase.valueOf(rs.getString("phase")), rs.getString("requested_by"), uuids(rs.getArray("scope")),
            rs.getInt("definitions"), rs.getInt("pathways_total"), rs.getInt("done"), rs.getInt("failed"),
            uuids(rs.getArray("failed_ids")), rs.getString("last_error"), instant(rs, "started_at"),
            instant(rs, "finished_at")))
        .optional();
  }

  private static List<UUID> uuids(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toList();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
