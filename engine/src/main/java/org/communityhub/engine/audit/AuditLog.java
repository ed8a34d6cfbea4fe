package org.communityhub.engine.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log: rows are only ever appended (a trigger refuses updates and deletes). */
@Repository
public class AuditLog {

  private final JdbcClient jdbc;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void append(AuditEvent event) {
    jdbc.sql("""
            insert into audit_event (at, user_id, username, role, agency_id, action, path, object_type,
                                     object_id, client_id, status, outcome, remote_addr)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(Timestamp.from(event.at()), event.userId(), event.username(), event.role(), event.agencyId(),
            event.action(), event.path(), event.objectType(), event.objectId(), event.clientId(),
            event.status(), event.outcome(), event.remoteAddr())
        .update();
  }

  /** The client a pathway belongs to, so that accesses to a pathway can be found by client. */
  public Optional<UUID> clientOfPathway(UUID pathwayId) {
    return jdbc.sql("select client_id from pathway where id = ?").param(pathwayId).query(UUID.class).optional();
  }

  /** Events by client include those of the records merged into it: one person, one history. */
  public record Query(UUID clientId, UUID userId, Instant from, Instant to, int limit) {}

  public List<AuditEvent> find(Query query) {
    return jdbc.sql("""
            with recursive record_of_client(id) as (
                select cast(:client as uuid)
                 union
                select m.duplicate_id
                  from client_merge m join record_of_client r on m.survivor_id = r.id
                 where m.status = 'MERGED')
            select * from audit_event
             where (cast(:client as uuid) is null or client_id in (select id from record_of_client))
               and (cast(:user as uuid) is null or user_id = :user)
               and (cast(:from as timestamptz) is null or at >= :from)
               and (cast(:to as timestamptz) is null or at < :to)
             order by id desc
             limit :limit""")
        .param("client", query.clientId())
        .param("user", query.userId())
        .param("from", query.from() == null ? null : Timestamp.from(query.from()))
        .param("to", query.to() == null ? null : Timestamp.from(query.to()))
        .param("limit", query.limit())
        .query((rs, row) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
            rs.getObject("user_id", UUID.class), rs.getString("username"), rs.getString("role"),
            rs.getObject("agency_id", UUID.class), rs.getString("action"), rs.getString("path"),
            rs.getString("object_type"), rs.getString("object_id"), rs.getObject("client_id", UUID.class),
            rs.getInt("status"), rs.getString("outcome"), rs.getString("remote_addr")))
        .list();
  }
}
