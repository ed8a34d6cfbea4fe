package org.communityhub.engine.contact;

import java.util.List;
import java.util.UUID;
import org.communityhub.engine.registry.MergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged-away record's contacts belong to the survivor, so the person's outreach history (and the
 * monthly-contact rule) sees all of them. Who made each contact (agency, member) stays as it was; on a
 * transfer contacts need no change, they belong to the client.
 */
@Component
class ContactsFollowTheirClient implements MergeParticipant {

  private final JdbcClient jdbc;

  ContactsFollowTheirClient(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return "contacts";
  }

  @Override
  public List<UUID> recordsOf(UUID duplicate) {
    return jdbc.sql("select id from client_contact where client_id = ? order by occurred_at, id")
        .param(duplicate).query(UUID.class).list();
  }

  /** Contacts never conflict. */
  @Override
  public List<MergeObstacle> obstacles(UUID survivor, UUID duplicate) {
    return List.of();
  }

  @Override
  public void move(UUID survivor, UUID duplicate, UUID survivorAgency) {
    jdbc.sql("update client_contact set client_id = ? where client_id = ?").params(survivor, duplicate).update();
  }
}
