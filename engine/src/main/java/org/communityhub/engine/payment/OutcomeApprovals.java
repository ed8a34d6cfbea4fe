package org.communityhub.engine.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.pathway.PathwayQueries;
import org.communityhub.engine.support.HubClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outcomes priced by a contract that requires approval wait for a supervisor of the pathway's agency (or a
 * HUB administrator) before they are billable. The earning is written to the ledger only at approval: the
 * ledger is append-only, so an unapproved earning never has to be taken back. Approving twice, or a
 * redelivered engine job, writes nothing more (one row per outcome step; the ledger's unique earning).
 */
@Service
public class OutcomeApprovals {

  private final JdbcClient jdbc;
  private final PaymentLedger ledger;
  private final PathwayQueries pathways;
  private final HubClock clock;

  OutcomeApprovals(JdbcClient jdbc, PaymentLedger ledger, PathwayQueries pathways, HubClock clock) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.pathways = pathways;
    this.clock = clock;
  }

  /** An outcome priced and waiting for approval, or approved (then on the ledger). */
  public record OutcomeApproval(UUID pathwayId, UUID stepId, UUID payerId, UUID agencyId, String pathwayCode,
      String milestone, String outcomeVariant, long amountCents, UUID contractId, String rulePackageVersion,
      LocalDate occurredOn, Instant awaitingSince, UUID approvedBy, Instant approvedAt) {

    public boolean approved() {
      return approvedAt != null;
    }

    /** The earning this approval bills, recorded now. */
    LedgerEntry earning(Instant now) {
      return new LedgerEntry(UUID.randomUUID(), "EARNING", pathwayId, stepId, payerId, agencyId, pathwayCode,
          milestone, outcomeVariant, amountCents, contractId, rulePackageVersion, occurredOn, now);
    }
  }

  /** Holds the earning until approval; called in the transaction that stores the step's decision. */
  void await(LedgerEntry earning) {
    jdbc.sql("""
            insert into outcome_approval (step_id, pathway_id, payer_id, agency_id, pathway_code, milestone,
                                          outcome_variant, amount_cents, contract_id, rule_package_version,
                                          occurred_on, awaiting_since)
            values (:step, :pathway, :payer, :agency, :code, :milestone, :variant, :amount, :contract, :rules,
                    :occurredOn, :since)
            on conflict do nothing""")
        .param("step", earning.stepId())
        .param("pathway", earning.pathwayId())
        .param("payer", earning.payerId())
        .param("agency", earning.agencyId())
        .param("code", earning.pathwayCode())
        .param("milestone", earning.milestone())
        .param("variant", earning.outcomeVariant())
        .param("amount", earning.amountCents())
        .param("contract", earning.contractId())
        .param("rules", earning.rulePackageVersion())
        .param("occurredOn", earning.occurredOn())
        .param("since", Timestamp.from(earning.recordedAt()))
        .update();
  }

  /**
   * The outcome step was voided: its held earning is withdrawn (an approved one was billed and is reversed in
   * the ledger), so that nothing is left to approve and a later valid outcome step holds its own.
   */
  void withdraw(UUID stepId, Instant now) {
    jdbc.sql("update outcome_approval set withdrawn_at = ? where step_id = ? and withdrawn_at is null")
        .params(Timestamp.from(now), stepId)
        .update();
  }

  /**
   * Approves the pathway's outcome evidence and bills the earning held for it; a second approval answers
   * the first and writes nothing.
   */
  @Transactional
  public OutcomeApproval approve(UUID pathwayId, Actor actor) {
    requireApprover(actor);
    pathways.find(pathwayId, actor); // another agency's pathway answers 404
    OutcomeApproval held = jdbc.sql("select * from outcome_approval where pathway_id = ? and withdrawn_at is null for update")
        .param(pathwayId).query(OutcomeApprovals::approval).optional()
        .orElseThrow(() -> new NothingToApprove(pathwayId));
    if (held.approved()) {
      return held;
    }
    Instant now = clock.now();
    jdbc.sql("update outcome_approval set approved_by = ?, approved_at = ? where step_id = ?")
        .params(actor.userId(), Timestamp.from(now), held.stepId()).update();
    ledger.recordEarning(held.earning(now));
    return find(held.stepId()).orElseThrow();
  }

  /** What awaits approval in the caller's scope (their agency's pathways; every one for a HUB administrator). */
  @Transactional(readOnly = true)
  public List<OutcomeApproval> awaiting(Actor actor) {
    requireApprover(actor);
    return jdbc.sql("""
            select a.* from outcome_approval a join pathway p on p.id = a.pathway_id
             where a.approved_at is null and a.withdrawn_at is null and (:everyAgency or p.agency_id = :agency)
             order by a.awaiting_since, a.step_id""")
        .param("everyAgency", actor.role() == Role.HUB_ADMIN)
        .param("agency", actor.agencyId())
        .query(OutcomeApprovals::approval)
        .list();
  }

  private static void requireApprover(Actor actor) {
    if (actor.role() != Role.SUPERVISOR && actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden("Only a supervisor or a HUB administrator approves outcomes");
    }
  }

  private Optional<OutcomeApproval> find(UUID stepId) {
    return jdbc.sql("select * from outcome_approval where step_id = ?").param(stepId)
        .query(OutcomeApprovals::approval).optional();
  }

  private static OutcomeApproval approval(ResultSet rs, int row) throws SQLException {
    Timestamp approvedAt = rs.getTimestamp("approved_at");
    return new OutcomeApproval(rs.getObject("pathway_id", UUID.class), rs.getObject("step_id", UUID.class),
        rs.getObject("payer_id", UUID.class), rs.getObject("agency_id", UUID.class), rs.getString("pathway_code"),
        rs.getString("milestone"), rs.getString("outcome_variant"), rs.getLong("amount_cents"),
        rs.getObject("contract_id", UUID.class), rs.getString("rule_package_version"),
        rs.getObject("occurred_on", LocalDate.class), rs.getTimestamp("awaiting_since").toInstant(),
        rs.getObject("approved_by", UUID.class), approvedAt == null ? null : approvedAt.toInstant());
  }
}
