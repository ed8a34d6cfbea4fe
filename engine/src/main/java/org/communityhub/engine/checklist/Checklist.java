package org.communityhub.engine.checklist;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.communityhub.rules.risk.RiskAssessment;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A submitted checklist with the risk decision made on it, and the rule package version that made it. */
@Entity
@Table(name = "checklist")
public class Checklist {

  @Id
  private UUID id;
  private UUID clientId;
  private UUID agencyId;
  private String kind;
  private UUID definitionId;
  private Integer definitionVersion;
  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> answers;
  private int score;
  private String tier;
  private String rulePackageVersion;
  private Instant submittedAt;
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "checklist_recommendation", joinColumns = @JoinColumn(name = "checklist_id"))
  private List<Recommendation> recommendations = new ArrayList<>();

  protected Checklist() {}

  static Checklist scored(UUID clientId, UUID agencyId, PublishedChecklist answered, Map<String, String> answers,
      RiskAssessment assessment, Instant now) {
    Checklist checklist = new Checklist();
    checklist.id = UUID.randomUUID();
    checklist.clientId = clientId;
    checklist.agencyId = agencyId;
    checklist.kind = answered.definition().kind();
    checklist.definitionId = answered.id();
    checklist.definitionVersion = answered.version();
    checklist.answers = new TreeMap<>(answers);
    checklist.score = assessment.score();
    checklist.tier = assessment.tier().name();
    checklist.rulePackageVersion = assessment.rulePackageVersion();
    checklist.submittedAt = now;
    assessment.recommendations().forEach(recommendation -> checklist.recommendations.add(
        new Recommendation(recommendation.pathwayCode(), recommendation.ruleName())));
    return checklist;
  }

  public UUID id() { return id; }
  public UUID clientId() { return clientId; }
  public String kind() { return kind; }
  public UUID definitionId() { return definitionId; }
  /** The version of the checklist definition these answers answered (null only before definitions existed). */
  public Integer definitionVersion() { return definitionVersion; }
  public Map<String, String> answers() { return Map.copyOf(answers); }
  public int score() { return score; }
  public String tier() { return tier; }
  public String rulePackageVersion() { return rulePackageVersion; }
  public Instant submittedAt() { return submittedAt; }
  public List<Recommendation> recommendations() { return List.copyOf(recommendations); }

  /** A pathway the rules recommend opening, with the rule that recommended it. */
  @Embeddable
  public record Recommendation(String pathwayCode, @Column(name = "rule_name") String rule) {}
}
