package org.communityhub.engine.payment;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayQueries;
import org.communityhub.engine.pathway.PathwayStep;
import org.communityhub.engine.support.HubClock;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.rules.payment.EarnedMilestone;
import org.communityhub.rules.payment.MilestoneDecision;
import org.communityhub.rules.payment.PathwayEvent;
import org.communityhub.rules.payment.PaymentMilestones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides what a recorded step earns and writes it to the ledger. The payment rules say which milestone
 * and outcome variant; the payer's contract in force on the step's date says how much. The decision is
 * stored per step, so a redelivered job returns the first decision instead of deciding again. An outcome
 * priced by a contract that requires approval is held until a supervisor approves it (OutcomeApprovals);
 * a milestone no contract prices is decided but not billed.
 */
@Service
public class MilestoneEvaluation {

  private static final Logger log = LoggerFactory.getLogger(MilestoneEvaluation.class);

  private final PathwayQueries pathways;
  private final DefinitionPublishing definitions;
  private final PaymentMilestones milestones;
  private final ContractRates rates;
  private final PaymentLedger ledger;
  private final OutcomeApprovals approvals;
  private final JdbcClient jdbc;
  private final HubClock clock;

  MilestoneEvaluation(PathwayQueries pathways, DefinitionPublishing definitions, PaymentMilestones milestones,
      ContractRates rates, PaymentLedger ledger, OutcomeApprovals approvals, JdbcClient jdbc, HubClock clock) {
    this.pathways = pathways;
    this.definitions = definitions;
    this.milestones = milestones;
    this.rates = rates;
    this.ledger = ledger;
    this.approvals = approvals;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What a step earned; both empty when it earned nothing. */
  public record Earned(Optional<String> milestone, Optional<String> outcomeVariant) {}

  @Transactional
  public Earned evaluate(UUID pathwayId, UUID stepId) {
    Optional<Earned> decided = decisionOf(stepId);
    if (decided.isPresent()) {
      return decided.get();
    }
    if (voided(stepId)) {
      return new Earned(Optional.empty(), Optional.empty()); // the job of an instance being replaced
    }
    Pathway pathway = pathways.forEngine(pathwayId);
    PathwayStep step = pathway.steps().stream().filter(candidate -> candidate.id().equals(stepId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Step " + stepId + " is not on pathway " + pathwayId));
    MilestoneDecision decision = milestones.evaluate(eventOf(
        definitions.version(pathway.definitionId()).descriptor(), step.stepCode(), step.data()));

    if (!storeDecision(pathway, step, decision)) {
      return decisionOf(stepId).orElseThrow(); // a concurrent delivery of the same job decided first
    }
    decision.earned().ifPresent(earned -> recordEarning(pathway, step, earned, decision.rulePackageVersion()));
    return new Earned(decision.earned().map(EarnedMilestone::milestone),
        decision.earned().map(EarnedMilestone::outcomeVariant));
  }

  /** A recorded step as the payment rules see it; the dry run builds the same event from the same step. */
  static PathwayEvent eventOf(PathwayDescriptor definition, String stepCode, Map<String, Object> data) {
    Map<String, String> text = data.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    return new PathwayEvent(definition.code(), stepCode, definition.outcomeStep().equals(stepCode), text);
  }

  private void recordEarning(Pathway pathway, PathwayStep step, EarnedMilestone earned, String rulesVersion) {
    if (pathway.payerId() == null) {
      return; // no payer of record: the outcome counts in metrics, but nobody is billed
    }
    var priced = rates.rateToBill(step.occurredOn(), pathway.payerId(), pathway.code(), earned.milestone(),
        earned.outcomeVariant());
    if (priced.isEmpty()) {
      // A gap in the payer's contracts must not jam the process: the decision is stored (the milestone is
      // earned but unpriced, listed by UnpricedMilestones) and nothing is billed for it.
      log.warn("No contract of payer {} prices {} {}/{} on {} (pathway {}): the milestone stays unpriced",
          pathway.payerId(), pathway.code(), earned.milestone(), earned.outcomeVariant(), step.occurredOn(),
          pathway.id());
      return;
    }
    var rate = priced.get();
    LedgerEntry earning = new LedgerEntry(UUID.randomUUID(), "EARNING", pathway.id(), step.id(),
        pathway.payerId(), step.agencyId(), pathway.code(), earned.milestone(), earned.outcomeVariant(),
        rate.amountCents(), rate.contractId(), rulesVersion, step.occurredOn(), clock.now());
    if (rate.requiresOutcomeApproval() && earned.milestone().equals(ContractAuthoring.OUTCOME_CONFIRMED)) {
      approvals.await(earning);
    } else {
      ledger.recordEarning(earning);
    }
  }

  private boolean storeDecision(Pathway pathway, PathwayStep step, MilestoneDecision decision) {
    return jdbc.sql("""
            insert into milestone_decision (step_id, pathway_id, milestone, outcome_variant, rule_name,
                                            rule_package_version, decided_at)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (step_id) do nothing""")
        .params(step.id(), pathway.id(),
            decision.earned().map(EarnedMilestone::milestone).orElse(null),
            decision.earned().map(EarnedMilestone::outcomeVariant).orElse(null),
            decision.earned().map(EarnedMilestone::ruleName).orElse(null),
            decision.rulePackageVersion(), java.sql.Timestamp.from(clock.now()))
        .update() == 1;
  }

  /**
   * Whether the step was voided, read under a share lock on its row: a void in progress is waited for, and a
   * void that comes later waits for this evaluation, then reverses what it earned.
   */
  private boolean voided(UUID stepId) {
    return jdbc.sql("select voided_at is not null from pathway_step where id = ? for share")
        .param(stepId).query(Boolean.class).single();
  }

  private Optional<Earned> decisionOf(UUID stepId) {
    return jdbc.sql("select milestone, outcome_variant from milestone_decision where step_id = ?")
        .param(stepId)
        .query((rs, row) -> new Earned(Optional.ofNullable(rs.getString("milestone")),
            Optional.ofNullable(rs.getString("outcome_variant"))))
        .optional();
  }
}
