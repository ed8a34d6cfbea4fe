package org.communityhub.engine.pathway;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.communityhub.engine.support.FailureCount;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.Period;
import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.RuleEvaluationFailed;
import org.communityhub.rules.eligibility.Eligibility;
import org.communityhub.rules.eligibility.EligibilityQuestion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pathways opened in a period asked again under a draft eligibility package, with the opening fields and
 * the client's latest checklist as they were when the pathway opened. Every one of them was eligible under
 * the version recorded then (refusals open nothing), so the question is how many the draft would refuse.
 * Reads only; writes nothing.
 */
@Service
public class EligibilityDryRun {

  private final JdbcClient jdbc;
  private final Eligibility eligibility;

  EligibilityDryRun(JdbcClient jdbc, Eligibility eligibility) {
    this.jdbc = jdbc;
    this.eligibility = eligibility;
  }

  /** @param refusedByPathway how many the draft would refuse, by pathway code */
  public record Summary(LocalDate from, LocalDate to, int openings, int wouldRefuse,
      Map<String, Integer> refusedByPathway, int failures, String firstFailure) {}

  @Transactional(readOnly = true)
  public Summary compare(String draftVersion, Period period) {
    List<EligibilityQuestion> openings = openedIn(period);
    Map<String, Integer> refused = new TreeMap<>();
    FailureCount failures = new FailureCount();
    for (EligibilityQuestion opening : openings) {
      try {
        if (!eligibility.checkUnder(draftVersion, opening).eligible()) {
          refused.merge(opening.pathwayCode(), 1, Integer::sum);
        }
      } catch (RuleEvaluationFailed failure) {
        failures.add(failure);
      }
    }
    return new Summary(period.from(), period.to(), openings.size(),
        refused.values().stream().mapToInt(Integer::intValue).sum(), refused, failures.count(), failures.first());
  }

  /** opened_on is the opening's day in the HUB's zone; the checklist is the latest submitted before it opened. */
  @SuppressWarnings("unchecked")
  private List<EligibilityQuestion> openedIn(Period period) {
    return jdbc.sql("""
            select p.code, p.opening_fields::text as opening_fields,
                   (select c.answers::text from checklist c
                     where c.client_id = p.client_id and c.submitted_at <= p.opened_at
                     order by c.submitted_at desc limit 1) as answers
              from pathway p
             where p.opened_on between :from and :to
             order by p.opened_at""")
        .param("from", period.from())
        .param("to", period.to())
        .query((rs, row) -> new EligibilityQuestion(rs.getString("code"),
            ChecklistAnswer.ofAll(rs.getString("answers") == null ? Map.of() : Json.read(rs.getString("answers"), Map.class)),
            Json.read(rs.getString("opening_fields"), Map.class)))
        .list();
  }
}
