package org.communityhub.api.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The first answers to requests sent with an Idempotency-Key. */
@Repository
class IdempotentRequests {

  /** Which request: the caller, the endpoint (method and path) and the key. */
  record Key(UUID userId, String method, String path, String idempotencyKey) {}

  /** The first answer, and the fingerprint of the request that got it. */
  record Answer(String requestHash, int status, String contentType, String location, String etag, byte[] body) {}

  private final JdbcClient jdbc;

  IdempotentRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the key for this request, inside the request's transaction. A concurrent request with the same key
   * waits here until the first one commits (then finds its answer) or rolls back (then takes the key itself).
   * Empty when the key is taken: the answer stored for it is then at {@link #answer}.
   */
  boolean claim(Key key, String requestHash, Instant now) {
    return jdbc.sql("""
            insert into idempotent_request (user_id, method, path, idempotency_key, request_hash, status, body,
                                            created_at)
            values (?, ?, ?, ?, ?, 0, ''::bytea, ?)
            on conflict do nothing""")
        .params(key.userId(), key.method(), key.path(), key.idempotencyKey(), requestHash, Timestamp.from(now))
        .update() == 1;
  }

  Optional<Answer> answer(Key key) {
    return jdbc.sql("""
            select request_hash, status, content_type, location, etag, body from idempotent_request
             where user_id = ? and method = ? and path = ? and idempotency_key = ?""")
        .params(key.userId(), key.method(), key.path(), key.idempotencyKey())
        .query((rs, row) -> new Answer(rs.getString("request_hash"), rs.getInt("status"),
            rs.getString("content_type"), rs.getString("location"), rs.getString("etag"), rs.getBytes("body")))
        .optional();
  }

  void record(Key key, Answer answer) {
    jdbc.sql("""
            update idempotent_request set status = ?, content_type = ?, location = ?, etag = ?, body = ?
             where user_id = ? and method = ? and path = ? and idempotency_key = ?""")
        .params(answer.status(), answer.contentType(), answer.location(), answer.etag(), answer.body(),
            key.userId(), key.method(), key.path(), key.idempotencyKey())
        .update();
  }

  int forgetOlderThan(Instant cutoff) {
    return jdbc.sql("delete from idempotent_request where created_at < ?").param(Timestamp.from(cutoff)).update();
  }
}
