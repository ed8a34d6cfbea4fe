package org.communityhub.engine.consent;

import java.util.List;
import java.util.UUID;
import org.communityhub.engine.registry.MergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A merged-away record's consents are the person's: the survivor carries them (and the partners' referrals). */
@Component
class ConsentsFollowTheirClient implements MergeParticipant {

  private final JdbcClient jdbc;

  ConsentsFollowTheirClient(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return "consents";
  }

  @Override
  public List<UUID> recordsOf(UUID duplicate) {
    return jdbc.sql("select id from consent where client_id = ? order by recorded_at, id")
        .param(duplicate).query(UUID.class).list();
  }

  @Override
  public List<MergeObstacle> obstacles(UUID survivor, UUID duplicate) {
    return List.of();
  }

  @Override
  public void move(UUID survivor, UUID duplicate, UUID survivorAgency) {
    jdbc.sql("update consent set client_id = ? where client_id = ?").params(survivor, duplicate).update();
    jdbc.sql("update referral set client_id = ? where client_id = ?").params(survivor, duplicate).update();
  }
}
