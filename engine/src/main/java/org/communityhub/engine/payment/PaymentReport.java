package org.communityhub.engine.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.support.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a payer owes for the events that occurred in a period, by agency and pathway, summed from the
 * ledger (reversals included, as negative amounts), so the report always reconciles with the ledger. It reads
 * the ledger's daily sums ({@code payment_ledger_daily}, kept with every ledger insert), so its cost follows
 * the days and groups of the period, not the number of earnings.
 */
@Service
public class PaymentReport {

  private final JdbcClient jdbc;
  private final Payers payers;
  private final Staff staff;

  PaymentReport(JdbcClient jdbc, Payers payers, Staff staff) {
    this.jdbc = jdbc;
    this.payers = payers;
    this.staff = staff;
  }

  public record Line(UUID agencyId, String agencyName, String pathwayCode, String milestone,
      String outcomeVariant, long count, long amountCents) {}

  public record Report(String payer, LocalDate from, LocalDate to, List<Line> lines, long totalCents) {}

  @Transactional(readOnly = true)
  public Report owedBy(String payerCode, LocalDate from, LocalDate to, Actor actor) {
    if (from.isAfter(to)) {
      throw new InvalidInput("from", "must not be after to");
    }
    staff.requireReaderOfPayerReports(payerCode, actor, "Payment reports");
    UUID payerId = payers.idOf(payerCode).orElseThrow(() -> new InvalidInput("payer", "unknown payer code"));
    List<Line> lines = jdbc.sql("""
            select d.agency_id, a.name as agency_name, d.pathway_code, d.milestone, d.outcome_variant,
                   sum(d.earnings) - sum(d.reversals) as count, sum(d.amount_cents) as amount_cents
              from payment_ledger_daily d
              join agency a on a.id = d.agency_id
             where d.payer_id = :payer and d.occurred_on between :from and :to
             group by d.agency_id, a.name, d.pathway_code, d.milestone, d.outcome_variant
             order by a.name, d.pathway_code, d.milestone, d.outcome_variant""")
        .param("payer", payerId)
        .param("from", from)
        .param("to", to)
        .query((rs, row) -> new Line(rs.getObject("agency_id", UUID.class), rs.getString("agency_name"),
            rs.getString("pathway_code"), rs.getString("milestone"), rs.getString("outcome_variant"),
            rs.getLong("count"), rs.getLong("amount_cents")))
        .list();
    long total = lines.stream().mapToLong(Line::amountCents).sum();
    return new Report(payerCode, from, to, lines, total);
  }
}
