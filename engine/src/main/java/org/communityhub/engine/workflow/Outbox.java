package org.communityhub.engine.workflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.support.Json;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox. Rows are written in the transaction of the change they announce and delivered
 * to the engine afterwards, strictly in id order within a pathway, by whichever instance of the application
 * claims them (several instances share one database). A dead row (the engine kept refusing it)
 * is not handed out until it is retried, and it still holds back the later rows of its pathway.
 */
@Repository
class Outbox {

  private final JdbcClient jdbc;
  private final String claimer;

  @Autowired
  Outbox(JdbcClient jdbc) {
    this(jdbc, newClaimer());
  }

  /** An outbox claiming rows under the given name (tests play several instances on one database). */
  Outbox(JdbcClient jdbc, String claimer) {
    this.jdbc = jdbc;
    this.claimer = claimer;
  }

  record Pending(long id, UUID pathwayId, EngineCommand command, int attempts, int refusals) {}

  void append(UUID pathwayId, EngineCommand command, Instant now) {
    jdbc.sql("""
            insert into outbox (pathway_id, kind, payload, created_at, next_attempt_at)
            values (?, ?, cast(? as jsonb), ?, ?)""")
        .params(pathwayId, command.kind().name(), Json.write(command), Timestamp.from(now),
            Timestamp.from(now))
        .update();
  }

  /**
   * Claims, for this instance, the oldest undelivered row of each pathway that is due, not dead and not claimed
   * by anyone else (or whose claim lapsed), until {@code now + lease}. A later row of a pathway is never handed
   * out while an earlier one is undelivered, and a claimed head is handed to one claimer only, so that several
   * instances together still deliver each row once at a time and in order per pathway.
   *
   * <p>One statement: the heads are found, then locked with {@code for update skip locked} (rows another
   * claimer is claiming right now are skipped, not waited for). The claim conditions are repeated on the
   * locked rows because PostgreSQL re-checks them on the newest version of a row that changed meanwhile: a
   * head another instance claimed or delivered since this statement's snapshot is left alone. Nothing is
   * claimed while a rebuild, on whichever instance, is redeploying or cancelling: every instance holds its
   * delivery then, not only the rebuild's own.
   */
  List<Pending> claimDueHeads(Instant now, Duration lease, int limit) {
    return jdbc.sql("""
            update outbox o
               set claimed_by = :claimer, claimed_until = :until
              from (select id
                      from outbox
                     where id in (select id
                                    from (select distinct on (pathway_id) id, next_attempt_at, dead_at, claimed_until
                                            from outbox
                                           where delivered_at is null
                                           order by pathway_id, id) heads
                                   where dead_at is null and next_attempt_at <= :now
                                     and (claimed_until is null or claimed_until <= :now)
                                     and not exists (select 1 from engine_rebuild
                                                      where status = 'RUNNING'
                                                        and phase in ('WAITING_FOR_ENGINE', 'REDEPLOYING', 'CANCELLING'))
                                   order by id
                                   limit :limit)
                       and delivered_at is null and dead_at is null
                       and (claimed_until is null or claimed_until <= :now)
                       for update skip locked) claimable
             where o.id = claimable.id
            returning o.id, o.pathway_id, o.payload, o.attempts, o.refusals""")
        .param("claimer", claimer)
        .param("until", Timestamp.from(now.plus(lease)))
        .param("now", Timestamp.from(now))
        .param("limit", limit)
        .query((rs, row) -> new Pending(rs.getLong("id"), rs.getObject("pathway_id", UUID.class),
            Json.read(rs.getString("payload"), EngineCommand.class), rs.getInt("attempts"),
            rs.getInt("refusals")))
        .list()
        .stream()
        .sorted(Comparator.comparingLong(Pending::id))
        .toList();
  }

  /** Gives back claims this instance took but did not use (it is stopping, or delivery is held). */
  void releaseClaims(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("""
            update outbox set claimed_by = null, claimed_until = null
             where id = any(?) and claimed_by = ?""")
        .params(ids.toArray(Long[]::new), claimer)
        .update();
  }

  /** Who claims rows here: this instance, by host, process and a random part (a restart is a new claimer). */
  String claimer() {
    return claimer;
  }

  private static String newClaimer() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      host = "unknown-host";
    }
    return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The engine has the row's command. Recorded whoever claimed it last (it is true either way); claimed_by
   * keeps the instance that delivered it, for operators.
   */
  void delivered(long id, Instant now) {
    jdbc.sql("""
            update outbox set delivered_at = ?, last_error = null, claimed_by = ?, claimed_until = null,
                   first_attempt_at = coalesce(first_attempt_at, ?), last_attempt_at = ?
             where id = ?""")
        .params(Timestamp.from(now), claimer, Timestamp.from(now), Timestamp.from(now), id)
        .update();
  }

  /**
   * A rebuild replays the pathway's whole history: its undelivered rows (dead ones too) are replaced by the
   * replay, and count as delivered.
   */
  int supersede(UUID pathwayId, UUID rebuildId, Instant now) {
    return jdbc.sql("""
            update outbox set delivered_at = ?, superseded_by = ?
             where pathway_id = ? and delivered_at is null""")
        .params(Timestamp.from(now), rebuildId, pathwayId)
        .update();
  }

  /**
   * A voided step: the pathway's undelivered rows (the voided step's message among them, perhaps) are replaced
   * by the replay of its valid steps, and count as delivered.
   */
  int supersedeForVoid(UUID pathwayId, UUID voidedStepId, Instant now) {
    return jdbc.sql("""
            update outbox set delivered_at = ?, superseded_by_void = ?
             where pathway_id = ? and delivered_at is null""")
        .params(Timestamp.from(now), voidedStepId, pathwayId)
        .update();
  }

  /** A failed attempt, to be retried at {@code retryAt}; {@code refused} when the engine refused it. */
  void failed(long id, String error, boolean refused, Instant now, Instant retryAt) {
    recordFailure(id, error, refused ? 1 : 0, now, retryAt, null);
  }

  /** The engine refused the row once too often: it waits for an administrator to retry it. */
  void deadLettered(long id, String error, Instant now) {
    recordFailure(id, error, 1, now, now, now);
  }

  /**
   * Recorded only while this instance still holds the row's claim: if the claim lapsed and another instance
   * took the row over, that instance's attempt is the one that counts.
   */
  private void recordFailure(long id, String error, int refusal, Instant now, Instant retryAt, Instant deadAt) {
    jdbc.sql("""
            update outbox set attempts = attempts + 1, refusals = refusals + ?, last_error = ?,
                   next_attempt_at = ?, dead_at = ?, claimed_by = null, claimed_until = null,
                   first_attempt_at = coalesce(first_attempt_at, ?), last_attempt_at = ?
             where id = ? and claimed_by = ?""")
        .params(refusal, error, Timestamp.from(retryAt), deadAt == null ? null : Timestamp.from(deadAt),
            Timestamp.from(now), Timestamp.from(now), id, claimer)
        .update();
  }

  List<DeadLetter> deadLetters(int limit) {
    return jdbc.sql("""
            select id, pathway_id, kind, attempts, refusals, last_error, created_at, first_attempt_at,
                   last_attempt_at, dead_at
              from outbox
             where dead_at is not null and delivered_at is null
             order by id
             limit ?""")
        .param(limit)
        .query((rs, row) -> new DeadLetter(rs.getLong("id"), rs.getObject("pathway_id", UUID.class),
            rs.getString("kind"), rs.getInt("attempts"), rs.getInt("refusals"), rs.getString("last_error"),
            instant(rs, "created_at"), instant(rs, "first_attempt_at"), instant(rs, "last_attempt_at"),
            instant(rs, "dead_at")))
        .list();
  }

  /** Puts a dead row back into delivery, due now, with a fresh count of refusals. False if it is not dead. */
  boolean revive(long id, Instant now) {
    return jdbc.sql("""
            update outbox set dead_at = null, refusals = 0, next_attempt_at = ?
             where id = ? and dead_at is not null and delivered_at is null""")
        .params(Timestamp.from(now), id)
        .update() == 1;
  }

  Optional<OutboxRowState> stateOf(long id) {
    return jdbc.sql("""
            select case when delivered_at is not null then 'DELIVERED'
                        when dead_at is not null then 'DEAD'
                        else 'PENDING' end
              from outbox where id = ?""")
        .param(id)
        .query((rs, row) -> OutboxRowState.valueOf(rs.getString(1)))
        .optional();
  }

  OutboxBacklog backlog(Instant now) {
    return jdbc.sql("""
            select count(*) filter (where dead_at is null) as pending,
                   count(*) filter (where dead_at is null and attempts > 0) as retrying,
                   count(*) filter (where dead_at is not null) as dead,
                   min(created_at) filter (where dead_at is null) as oldest_pending
              from outbox
             where delivered_at is null""")
        .query((rs, row) -> {
          Instant oldest = instant(rs, "oldest_pending");
          return new OutboxBacklog(rs.getLong("pending"), rs.getLong("retrying"), rs.getLong("dead"), oldest,
              oldest == null ? null : Duration.between(oldest, now));
        })
        .single();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
