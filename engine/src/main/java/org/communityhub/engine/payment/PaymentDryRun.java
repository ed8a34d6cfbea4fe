package org.communityhub.engine.payment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.support.FailureCount;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.Period;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.rules.RuleEvaluationFailed;
import org.communityhub.rules.payment.EarnedMilestone;
import org.communityhub.rules.payment.MilestoneDecision;
import org.communityhub.rules.payment.PaymentMilestones;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pathways closed in a period would have earned under a draft payment package, against what the
 * ledger holds for them (decided under the versions recorded then). It re-decides exactly the steps the
 * engine decided (one milestone decision each), prices them by the payer's contract in force on the step's
 * date, and keeps the ledger's rule of one earning per pathway and milestone. Reads only; writes nothing.
 */
@Service
public class PaymentDryRun {

  private final JdbcClient jdbc;
  private final PaymentMilestones milestones;
  private final ContractRates rates;
  private final DefinitionPublishing definitions;
  private final HubClock clock;

  PaymentDryRun(JdbcClient jdbc, PaymentMilestones milestones, ContractRates rates,
      DefinitionPublishing definitions, HubClock clock) {
    this.jdbc = jdbc;
    this.milestones = milestones;
    this.rates = rates;
    this.definitions = definitions;
    this.clock = clock;
  }

  /**
   * Per payer and agency: what the ledger holds, what the draft would pay, the difference (draft − current),
   * and how many decided steps would earn another milestone or variant.
   */
  public record Line(String payer, UUID agencyId, String agencyName, long currentCents, long draftCents,
      long differenceCents, int milestonesChanged) {}

  /**
   * @param pathways       pathways closed in the period with a payer and at least one decided step
   * @param decisions      steps the engine decided on those pathways, each decided again under the draft
   * @param unpriced       draft earnings no contract in force prices (the real decision would stop with an incident)
   * @param failures       steps on which the draft failed (counted as earning nothing)
   * @param firstFailure   the first failure's message, to fix the DRL by
   */
  public record Summary(LocalDate from, LocalDate to, int pathways, int decisions, int milestonesChanged,
      int unpriced, int failures, String firstFailure, List<Line> lines, long currentCents, long draftCents,
      long differenceCents) {}

  /** A milestone decision of a step of a pathway closed in the period, with what the ledger holds for it. */
  private record Decided(UUID pathwayId, UUID definitionId, UUID payerId, String payerCode, UUID agencyId,
      String agencyName, String stepCode, LocalDate occurredOn, Map<String, Object> data, String milestone,
      String outcomeVariant, long ledgerCents) {}

  @Transactional(readOnly = true)
  public Summary compare(String draftVersion, Period period) {
    List<Decided> decided = decidedSteps(period);
    Map<UUID, PathwayDescriptor> descriptors = new HashMap<>();
    Map<String, Tally> lines = new TreeMap<>(); // by payer, then agency name
    Map<UUID, Set<String>> earnedByPathway = new HashMap<>();
    int changed = 0;
    int unpriced = 0;
    FailureCount failures = new FailureCount();
    for (Decided step : decided) {
      PathwayDescriptor descriptor = descriptors.computeIfAbsent(step.definitionId(),
          id -> definitions.version(id).descriptor());
      Optional<EarnedMilestone> earned;
      try {
        MilestoneDecision draft = milestones.evaluateUnder(draftVersion,
            MilestoneEvaluation.eventOf(descriptor, step.stepCode(), step.data()));
        earned = draft.earned();
      } catch (RuleEvaluationFailed failure) {
        failures.add(failure);
        earned = Optional.empty();
      }
      long draftCents = 0;
      // The ledger takes one earning per pathway and milestone: a second one would not be paid.
      if (earned.isPresent() && earnedByPathway.computeIfAbsent(step.pathwayId(), id -> new HashSet<>())
          .add(earned.get().milestone())) {
        Optional<ContractRates.Rate> rate = rates.rateOn(step.occurredOn(), step.payerId(), descriptor.code(),
            earned.get().milestone(), earned.get().outcomeVariant());
        unpriced += rate.isEmpty() ? 1 : 0;
        draftCents = rate.map(ContractRates.Rate::amountCents).orElse(0L);
      }
      boolean milestoneChanged = !Objects.equals(step.milestone(), earned.map(EarnedMilestone::milestone).orElse(null))
          || !Objects.equals(step.outcomeVariant(), earned.map(EarnedMilestone::outcomeVariant).orElse(null));
      changed += milestoneChanged ? 1 : 0;
      lines.computeIfAbsent(step.payerCode() + " " + step.agencyName() + " " + step.agencyId(), key -> new Tally(step))
          .add(step.ledgerCents(), draftCents, milestoneChanged);
    }
    List<Line> byPayerAndAgency = lines.values().stream().map(Tally::line).toList();
    long current = byPayerAndAgency.stream().mapToLong(Line::currentCents).sum();
    long draft = byPayerAndAgency.stream().mapToLong(Line::draftCents).sum();
    int pathways = (int) decided.stream().map(Decided::pathwayId).distinct().count();
    return new Summary(period.from(), period.to(), pathways, decided.size(), changed, unpriced, failures.count(),
        failures.first(), byPayerAndAgency, current, draft, draft - current);
  }

  /** One payer and agency's sums, while the steps are gone through. */
  private static final class Tally {
    private final Decided first;
    private long currentCents;
    private long draftCents;
    private int milestonesChanged;

    Tally(Decided first) {
      this.first = first;
    }

    void add(long current, long draft, boolean milestoneChanged) {
      currentCents += current;
      draftCents += draft;
      milestonesChanged += milestoneChanged ? 1 : 0;
    }

    Line line() {
      return new Line(first.payerCode(), first.agencyId(), first.agencyName(), currentCents, draftCents,
          draftCents - currentCents, milestonesChanged);
    }
  }

  /**
   * In the order the engine decided them, so "one earning per pathway and milestone" keeps the same one; valid
   * steps only (a voided step's earnings are reversed).
   */
  private List<Decided> decidedSteps(Period period) {
    return jdbc.sql("""
            select p.id as pathway_id, p.definition_id, p.payer_id, payer.code as payer_code,
                   s.agency_id, a.name as agency_name, s.step_code, s.occurred_on, s.data::text as data,
                   d.milestone, d.outcome_variant,
                   (select coalesce(sum(l.amount_cents), 0) from payment_ledger l
                     where l.pathway_id = p.id and l.step_id = s.id) as ledger_cents
              from pathway p
              join payer on payer.id = p.payer_id
              join milestone_decision d on d.pathway_id = p.id
              join pathway_step s on s.id = d.step_id
              join agency a on a.id = s.agency_id
             where p.status <> 'ACTIVE' and p.closed_at >= :start and p.closed_at < :end
               and s.voided_at is null
             order by p.id, d.decided_at, s.id""")
        .param("start", java.sql.Timestamp.from(period.start(clock.zone())))
        .param("end", java.sql.Timestamp.from(period.end(clock.zone())))
        .query((rs, row) -> new Decided(rs.getObject("pathway_id", UUID.class),
            rs.getObject("definition_id", UUID.class), rs.getObject("payer_id", UUID.class),
            rs.getString("payer_code"), rs.getObject("agency_id", UUID.class), rs.getString("agency_name"),
            rs.getString("step_code"), rs.getObject("occurred_on", LocalDate.class), dataOf(rs.getString("data")),
            rs.getString("milestone"), rs.getString("outcome_variant"), rs.getLong("ledger_cents")))
        .list();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dataOf(String json) {
    return Json.read(json, Map.class);
  }
}
