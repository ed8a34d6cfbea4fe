package org.communityhub.engine.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.support.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox. Rows are written in the transaction of the change they announce and delivered
 * to the engine afterwards, strictly in id order within a pathway.
 */
@Repository
class Outbox {

  private final JdbcClient jdbc;

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Pending(long id, UUID pathwayId, EngineCommand command, int attempts) {}

  void append(UUID pathwayId, EngineCommand command, Instant now) {
    jdbc.sql("""
            insert into outbox (pathway_id, kind, payload, created_at, next_attempt_at)
            values (?, ?, cast(? as jsonb), ?, ?)""")
        .params(pathwayId, command.kind().name(), Json.write(command), Timestamp.from(now),
            Timestamp.from(now))
        .update();
  }

  /**
   * The oldest undelivered row of each pathway, if it is due. A later row of a pathway is never handed
   * out while an earlier one is undelivered, which keeps delivery in order per pathway.
   */
  List<Pending> dueHeads(Instant now, int limit) {
    return jdbc.sql("""
            select id, pathway_id, payload, attempts
              from (select distinct on (pathway_id) id, pathway_id, payload, attempts, next_attempt_at
                      from outbox
                     where delivered_at is null
                     order by pathway_id, id) heads
             where next_attempt_at <= ?
             order by id
             limit ?""")
        .params(Timestamp.from(now), limit)
        .query((rs, row) -> new Pending(rs.getLong("id"), rs.getObject("pathway_id", UUID.class),
            Json.read(rs.getString("payload"), EngineCommand.class), rs.getInt("attempts")))
        .list();
  }

  void delivered(long id, Instant now) {
    jdbc.sql("update outbox set delivered_at = ?, last_error = null where id = ?")
        .params(Timestamp.from(now), id)
        .update();
  }

  void failed(long id, String error, Instant retryAt) {
    jdbc.sql("update outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where id = ?")
        .params(error, Timestamp.from(retryAt), id)
        .update();
  }
}
