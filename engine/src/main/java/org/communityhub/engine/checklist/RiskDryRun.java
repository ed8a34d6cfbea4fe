package org.communityhub.engine.checklist;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.communityhub.engine.support.FailureCount;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.Period;
import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.RuleEvaluationFailed;
import org.communityhub.rules.risk.PathwayRecommendation;
import org.communityhub.rules.risk.RiskAssessment;
import org.communityhub.rules.risk.RiskScoring;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checklists submitted in a period scored again under a draft risk package, against the score, tier and
 * recommendations stored with them (under the versions recorded then). Reads only; writes nothing.
 */
@Service
public class RiskDryRun {

  private final JdbcClient jdbc;
  private final RiskScoring scoring;
  private final HubClock clock;

  RiskDryRun(JdbcClient jdbc, RiskScoring scoring, HubClock clock) {
    this.jdbc = jdbc;
    this.scoring = scoring;
    this.clock = clock;
  }

  /** How many checklists would move from one tier to another. */
  public record TierChange(String from, String to, int count) {}

  public record Summary(LocalDate from, LocalDate to, int checklists, int scoreChanged, int tierChanged,
      int recommendationsChanged, List<TierChange> tierChanges, int failures, String firstFailure) {}

  private record Stored(Map<String, String> answers, int score, String tier, List<String> recommended) {}

  @Transactional(readOnly = true)
  public Summary compare(String draftVersion, Period period) {
    List<Stored> checklists = submittedIn(period);
    Map<String, Integer> tierChanges = new TreeMap<>();
    int scoreChanged = 0;
    int recommendationsChanged = 0;
    FailureCount failures = new FailureCount();
    for (Stored stored : checklists) {
      try {
        RiskAssessment draft = scoring.assessUnder(draftVersion, ChecklistAnswer.ofAll(stored.answers()));
        scoreChanged += draft.score() != stored.score() ? 1 : 0;
        if (!draft.tier().name().equals(stored.tier())) {
          tierChanges.merge(stored.tier() + " " + draft.tier().name(), 1, Integer::sum);
        }
        List<String> recommended = draft.recommendations().stream().map(PathwayRecommendation::pathwayCode)
            .sorted().toList();
        recommendationsChanged += Objects.equals(recommended, stored.recommended()) ? 0 : 1;
      } catch (RuleEvaluationFailed failure) {
        failures.add(failure);
      }
    }
    List<TierChange> changes = tierChanges.entrySet().stream().map(change -> {
      String[] fromTo = change.getKey().split(" ");
      return new TierChange(fromTo[0], fromTo[1], change.getValue());
    }).toList();
    return new Summary(period.from(), period.to(), checklists.size(), scoreChanged,
        changes.stream().mapToInt(TierChange::count).sum(), recommendationsChanged, changes, failures.count(),
        failures.first());
  }

  @SuppressWarnings("unchecked")
  private List<Stored> submittedIn(Period period) {
    return jdbc.sql("""
            select c.answers::text as answers, c.score, c.tier,
                   coalesce((select string_agg(r.pathway_code, ',' order by r.pathway_code)
                               from checklist_recommendation r where r.checklist_id = c.id), '') as recommended
              from checklist c
             where c.submitted_at >= :start and c.submitted_at < :end
             order by c.submitted_at""")
        .param("start", java.sql.Timestamp.from(period.start(clock.zone())))
        .param("end", java.sql.Timestamp.from(period.end(clock.zone())))
        .query((rs, row) -> new Stored(Json.read(rs.getString("answers"), Map.class), rs.getInt("score"),
            rs.getString("tier"), rs.getString("recommended").isEmpty() ? List.of()
                : List.of(rs.getString("recommended").split(","))))
        .list();
  }
}
