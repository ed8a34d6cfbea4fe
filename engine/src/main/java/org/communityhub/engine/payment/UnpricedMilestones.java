package org.communityhub.engine.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Milestones the rules said were earned but that no contract of the pathway's payer priced on the event's
 * day: a gap in the contracts, for a HUB administrator to see (and settle with the payer).
 */
@Repository
public class UnpricedMilestones {

  private final JdbcClient jdbc;

  UnpricedMilestones(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Unpriced(UUID pathwayId, UUID stepId, String payer, String pathwayCode, String milestone,
      String outcomeVariant, LocalDate occurredOn) {}

  @Transactional(readOnly = true)
  public List<Unpriced> ofPayer(UUID payerId) {
    return jdbc.sql("""
            select d.pathway_id, d.step_id, pr.code as payer, p.code as pathway_code, d.milestone,
                   d.outcome_variant, s.occurred_on
              from milestone_decision d
              join pathway p on p.id = d.pathway_id
              join payer pr on pr.id = p.payer_id
              join pathway_step s on s.id = d.step_id
             where d.milestone is not null and p.payer_id = :payer and s.voided_at is null
               and not exists (select 1 from payment_ledger l where l.step_id = d.step_id)
               and not exists (select 1 from outcome_approval a where a.step_id = d.step_id)
             order by s.occurred_on, d.step_id""")
        .param("payer", payerId)
        .query((rs, row) -> new Unpriced(rs.getObject("pathway_id", UUID.class), rs.getObject("step_id", UUID.class),
            rs.getString("payer"), rs.getString("pathway_code"), rs.getString("milestone"),
            rs.getString("outcome_variant"), rs.getObject("occurred_on", LocalDate.class)))
        .list();
  }
}
