package org.communityhub.engine.contact;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.registry.Client;
import org.communityhub.engine.registry.ClientRegistry;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records and lists a client's contacts, in the caller's agency scope. */
@Service
public class ClientContacts {

  /** How far back a contact may be recorded: late entry happens, a contact older than this is not news. */
  static final Duration OLDEST = Duration.ofDays(366);
  /** A clock a little ahead on the caller's device is not a contact in the future. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  /** The most contacts one answer lists, newest first. */
  public static final int MAX_LISTED = 500;

  private final JdbcClient jdbc;
  private final ClientRegistry registry;
  private final HubClock clock;

  ClientContacts(JdbcClient jdbc, ClientRegistry registry, HubClock clock) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.clock = clock;
  }

  public record NewContact(@NotNull ContactKind kind, @NotNull Instant occurredAt, @Size(max = 1000) String note) {}

  public record Contact(UUID id, UUID clientId, UUID agencyId, UUID memberId, ContactKind kind, Instant occurredAt,
      String note, Instant recordedAt) {}

  @Transactional
  public Contact record(UUID clientId, NewContact contact, Actor actor) {
    Client client = registry.findForWork(clientId, actor);
    Instant now = clock.now();
    if (contact.occurredAt().isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidInput("occurredAt", "is in the future");
    }
    if (contact.occurredAt().isBefore(now.minus(OLDEST))) {
      throw new InvalidInput("occurredAt", "is more than " + OLDEST.toDays() + " days ago");
    }
    Contact recorded = new Contact(UUID.randomUUID(), client.id(), client.agencyId(), actor.userId(), contact.kind(),
        contact.occurredAt(), contact.note() == null || contact.note().isBlank() ? null : contact.note().strip(), now);
    jdbc.sql("""
            insert into client_contact (id, client_id, agency_id, member_id, kind, occurred_at, note, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(recorded.id(), recorded.clientId(), recorded.agencyId(), recorded.memberId(), recorded.kind().name(),
            Timestamp.from(recorded.occurredAt()), recorded.note(), Timestamp.from(recorded.recordedAt()))
        .update();
    return recorded;
  }

  /** The client's contacts, newest first (at most {@link #MAX_LISTED}), whichever agency made them. */
  @Transactional(readOnly = true)
  public List<Contact> ofClient(UUID clientId, Actor actor) {
    Client client = registry.find(clientId, actor);
    return jdbc.sql("""
            select id, client_id, agency_id, member_id, kind, occurred_at, note, recorded_at
              from client_contact where client_id = ? order by occurred_at desc, id limit ?""")
        .params(client.id(), MAX_LISTED)
        .query((rs, row) -> new Contact(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
            rs.getObject("agency_id", UUID.class), rs.getObject("member_id", UUID.class),
            ContactKind.valueOf(rs.getString("kind")), rs.getTimestamp("occurred_at").toInstant(),
            rs.getString("note"), rs.getTimestamp("recorded_at").toInstant()))
        .list();
  }
}
