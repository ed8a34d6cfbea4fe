package org.communityhub.engine.checklist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.support.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every published version of every checklist definition. */
@Repository
class ChecklistDefinitions {

  private final JdbcClient jdbc;

  ChecklistDefinitions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<PublishedChecklist> active(String kind) {
    return jdbc.sql("select * from checklist_definition where kind = ? and active").param(kind)
        .query(ChecklistDefinitions::map).optional();
  }

  Optional<PublishedChecklist> latest(String kind) {
    return jdbc.sql("select * from checklist_definition where kind = ? order by version desc limit 1").param(kind)
        .query(ChecklistDefinitions::map).optional();
  }

  List<PublishedChecklist> allActive() {
    return jdbc.sql("select * from checklist_definition where active order by kind")
        .query(ChecklistDefinitions::map).list();
  }

  List<PublishedChecklist> versions(String kind) {
    return jdbc.sql("select * from checklist_definition where kind = ? order by version").param(kind)
        .query(ChecklistDefinitions::map).list();
  }

  Optional<PublishedChecklist> byId(UUID id) {
    return jdbc.sql("select * from checklist_definition where id = ?").param(id)
        .query(ChecklistDefinitions::map).optional();
  }

  /** Stores a version as the active one of its kind; the previous active version steps down first. */
  PublishedChecklist insertActive(ChecklistDefinition definition, int version, String checksum, UUID publishedBy,
      Instant now) {
    jdbc.sql("update checklist_definition set active = false where kind = ? and active")
        .param(definition.kind()).update();
    UUID id = UUID.randomUUID();
    jdbc.sql("""
            insert into checklist_definition (id, kind, version, definition, checksum, active, published_by,
                                              published_at)
            values (?, ?, ?, cast(? as jsonb), ?, true, ?, ?)""")
        .params(id, definition.kind(), version, Json.write(definition), checksum, publishedBy, Timestamp.from(now))
        .update();
    return byId(id).orElseThrow();
  }

  /** Checklists submitted before definitions were versioned answered this one. */
  int attributeUnversionedChecklists(UUID definitionId, String kind) {
    return jdbc.sql("update checklist set definition_id = ?, definition_version = 1 where definition_id is null and kind = ?")
        .params(definitionId, kind).update();
  }

  private static PublishedChecklist map(ResultSet rs, int row) throws SQLException {
    return new PublishedChecklist(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getBoolean("active"),
        rs.getString("checksum"), rs.getTimestamp("published_at").toInstant(),
        Json.read(rs.getString("definition"), ChecklistDefinition.class));
  }
}
