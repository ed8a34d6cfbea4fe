package org.communityhub.engine.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only payment ledger. An earning is inserted at most once per pathway, milestone and occurrence (a
 * unique index, so that a redelivered job or a race cannot pay twice); a correction is a reversal row, and
 * nothing is ever updated or deleted.
 */
@Repository
public class PaymentLedger {

  private final JdbcClient jdbc;

  PaymentLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the earning unless this milestone of this pathway is already earned; true if inserted. Its
   * occurrence is one more than the earnings of the milestone reversed so far: after a reversal the milestone
   * can be earned again, once, and a redelivered job still meets the unique index.
   */
  boolean recordEarning(LedgerEntry entry) {
    int inserted = jdbc.sql("""
            insert into payment_ledger (id, entry_type, pathway_id, step_id, payer_id, agency_id, pathway_code,
                                        milestone, outcome_variant, amount_cents, contract_id,
                                        rule_package_version, occurred_on, recorded_at, occurrence)
            values (:id, 'EARNING', :pathway, :step, :payer, :agency, :code, :milestone, :variant, :amount,
                    :contract, :rules, :occurredOn, :recordedAt,
                    (select count(*) + 1 from payment_ledger reversed
                      where reversed.pathway_id = :pathway and reversed.milestone = :milestone
                        and reversed.entry_type = 'REVERSAL'))
            on conflict (pathway_id, milestone, occurrence) where entry_type = 'EARNING' do nothing""")
        .param("id", entry.id())
        .param("pathway", entry.pathwayId())
        .param("step", entry.stepId())
        .param("payer", entry.payerId())
        .param("agency", entry.agencyId())
        .param("code", entry.pathwayCode())
        .param("milestone", entry.milestone())
        .param("variant", entry.outcomeVariant())
        .param("amount", entry.amountCents())
        .param("contract", entry.contractId())
        .param("rules", entry.rulePackageVersion())
        .param("occurredOn", entry.occurredOn())
        .param("recordedAt", java.sql.Timestamp.from(entry.recordedAt()))
        .update();
    return inserted == 1;
  }

  /**
   * Reverses every earning of a voided step that is not reversed yet: a row with the negated amount naming
   * the earning, its occurrence, contract and event date, recorded now. Returns how many rows it wrote.
   */
  int reverseEarningsOf(UUID stepId, java.time.Instant now) {
    return jdbc.sql("""
            insert into payment_ledger (id, entry_type, reverses, pathway_id, step_id, payer_id, agency_id,
                                        pathway_code, milestone, outcome_variant, occurrence, amount_cents,
                                        contract_id, rule_package_version, occurred_on, recorded_at)
            select gen_random_uuid(), 'REVERSAL', earning.id, earning.pathway_id, earning.step_id,
                   earning.payer_id, earning.agency_id, earning.pathway_code, earning.milestone,
                   earning.outcome_variant, earning.occurrence, -earning.amount_cents, earning.contract_id,
                   earning.rule_package_version, earning.occurred_on, :now
              from payment_ledger earning
             where earning.step_id = :step and earning.entry_type = 'EARNING'
               and not exists (select 1 from payment_ledger r where r.reverses = earning.id)
             order by earning.seq
            on conflict (reverses) where entry_type = 'REVERSAL' do nothing""")
        .param("step", stepId)
        .param("now", java.sql.Timestamp.from(now))
        .update();
  }

  public List<LedgerEntry> ofPathway(UUID pathwayId) {
    return jdbc.sql("select * from payment_ledger where pathway_id = ? order by seq")
        .param(pathwayId)
        .query(PaymentLedger::entry)
        .list();
  }

  private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
    return new LedgerEntry(rs.getObject("id", UUID.class), rs.getString("entry_type"),
        rs.getObject("pathway_id", UUID.class), rs.getObject("step_id", UUID.class),
        rs.getObject("payer_id", UUID.class), rs.getObject("agency_id", UUID.class),
        rs.getString("pathway_code"), rs.getString("milestone"), rs.getString("outcome_variant"),
        rs.getLong("amount_cents"), rs.getObject("contract_id", UUID.class),
        rs.getString("rule_package_version"), rs.getObject("occurred_on", java.time.LocalDate.class),
        rs.getTimestamp("recorded_at").toInstant(), rs.getObject("reverses", UUID.class),
        rs.getInt("occurrence"));
  }
}
