package org.communityhub.engine.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.rules.Decision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every stored version of every decision's rule package, and which one is in force (status ACTIVE, at most
 * one per decision by a partial unique index). Writes that depend on the other versions of a decision
 * (numbering, activation) run under {@link #lockDecision}.
 */
@Repository
class RulePackageVersions {

  private static final String SELECT = """
      select r.decision, r.version, r.drl, r.checksum, r.note, r.status, r.created_at, r.activated_at,
             creator.username as created_by, activator.username as activated_by
        from rule_package r
        left join app_user creator on creator.id = r.created_by
        left join app_user activator on activator.id = r.activated_by
      """;

  private final JdbcClient jdbc;

  RulePackageVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the shipped package as the first version in force, when the decision has no version at all
   * yet. Instances starting together on one database insert it once.
   */
  boolean seedIfAbsent(Decision decision, String version, String drl, Instant now) {
    return jdbc.sql("""
            insert into rule_package (id, decision, version, sequence, drl, checksum, status, created_at, activated_at)
            select :id, :decision, :version, 1, :drl, :checksum, 'ACTIVE', :now, :now
             where not exists (select 1 from rule_package where decision = :decision)
            on conflict do nothing""")
        .param("id", UUID.randomUUID())
        .param("decision", decision.name())
        .param("version", version)
        .param("drl", drl)
        .param("checksum", checksum(drl))
        .param("now", Timestamp.from(now))
        .update() == 1;
  }

  /** Serialises numbering and activation per decision until the transaction ends (every decision has a seeded row). */
  void lockDecision(Decision decision) {
    jdbc.sql("select id from rule_package where decision = ? for update").param(decision.name()).query().listOfRows();
  }

  /** The next number of the decision; call under {@link #lockDecision}. */
  int nextSequence(Decision decision) {
    return jdbc.sql("select coalesce(max(sequence), 0) + 1 from rule_package where decision = ?")
        .param(decision.name()).query(Integer.class).single();
  }

  void insertDraft(Decision decision, String version, int sequence, String drl, String note, UUID createdBy,
      Instant now) {
    jdbc.sql("""
            insert into rule_package (id, decision, version, sequence, drl, checksum, note, status, created_by, created_at)
            values (:id, :decision, :version, :sequence, :drl, :checksum, :note, 'DRAFT', :createdBy, :now)""")
        .param("id", UUID.randomUUID())
        .param("decision", decision.name())
        .param("version", version)
        .param("sequence", sequence)
        .param("drl", drl)
        .param("checksum", checksum(drl))
        .param("note", note)
        .param("createdBy", createdBy)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Retires the version in force and puts this one in force; call under {@link #lockDecision}. */
  void activate(Decision decision, String version, UUID activatedBy, Instant now) {
    jdbc.sql("update rule_package set status = 'RETIRED' where decision = ? and status = 'ACTIVE'")
        .param(decision.name()).update();
    jdbc.sql("""
            update rule_package set status = 'ACTIVE', activated_by = :by, activated_at = :now
             where decision = :decision and version = :version""")
        .param("by", activatedBy)
        .param("now", Timestamp.from(now))
        .param("decision", decision.name())
        .param("version", version)
        .update();
  }

  Optional<RulePackageVersion> find(Decision decision, String version) {
    return jdbc.sql(SELECT + " where r.decision = ? and r.version = ?")
        .params(decision.name(), version).query(RulePackageVersions::row).optional();
  }

  /** Oldest first. */
  List<RulePackageVersion> all(Decision decision) {
    return jdbc.sql(SELECT + " where r.decision = ? order by r.sequence")
        .param(decision.name()).query(RulePackageVersions::row).list();
  }

  /** The version in force per decision, without the DRL: cheap enough to ask every few seconds. */
  Map<Decision, String> activeVersions() {
    Map<Decision, String> active = new EnumMap<>(Decision.class);
    jdbc.sql("select decision, version from rule_package where status = 'ACTIVE'")
        .query((rs, row) -> active.put(Decision.valueOf(rs.getString("decision")), rs.getString("version")))
        .list();
    return active;
  }

  private static RulePackageVersion row(ResultSet rs, int row) throws SQLException {
    Timestamp activatedAt = rs.getTimestamp("activated_at");
    return new RulePackageVersion(Decision.valueOf(rs.getString("decision")), rs.getString("version"),
        rs.getString("drl"), rs.getString("checksum"), rs.getString("note"),
        RulePackageStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(), rs.getString("activated_by"),
        activatedAt == null ? null : activatedAt.toInstant());
  }

  private static String checksum(String drl) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(drl.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
