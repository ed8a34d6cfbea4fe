package org.communityhub.engine.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Agency;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monthly payment statements of a payer, built from the ledger.
 *
 * <p>The statement of month M holds the payer's ledger rows dated (occurredOn, a day in the HUB's time zone)
 * up to the end of M that are on no closed statement: the services of M, and whatever an earlier closed
 * statement did not bill (reversals of its earnings, late approvals, steps recorded late) as adjustments.
 * Open, it is computed whenever it is read. Closing it (a HUB administrator, once M is over) writes down
 * which rows it billed — each ledger row on at most one closed statement, by primary key — and the lines it
 * showed; it never changes afterwards, and what arrives later goes on the next open statement.
 */
@Service
public class PaymentStatements {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final Payers payers;
  private final Staff staff;
  private final HubClock clock;

  PaymentStatements(JdbcClient jdbc, JdbcTemplate batch, Payers payers, Staff staff, HubClock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.payers = payers;
    this.staff = staff;
    this.clock = clock;
  }

  /** A payer's closed statements, and what is not yet on one, by month of service. */
  public record StatementList(String payer, List<Closed> closed, List<Unbilled> unbilled) {

    public record Closed(String month, java.time.Instant closedAt, long totalCents, long entryCount) {}

    public record Unbilled(String month, long entryCount, long amountCents) {}
  }

  @Transactional(readOnly = true)
  public PaymentStatement read(String payerCode, YearMonth month, Actor actor) {
    Payers.Payer payer = readableBy(payerCode, actor);
    if (month.isAfter(YearMonth.from(clock.today()))) {
      throw new InvalidInput("month", "has not begun");
    }
    return closed(payer, month).orElseGet(() -> open(payer, month));
  }

  @Transactional(readOnly = true)
  public StatementList list(String payerCode, Actor actor) {
    Payers.Payer payer = readableBy(payerCode, actor);
    List<StatementList.Closed> closed = jdbc.sql("""
            select s.month_start, s.closed_at, s.total_cents,
                   (select count(*) from payment_statement_entry e where e.statement_id = s.id) as entries
              from payment_statement s
             where s.payer_id = ?
             order by s.month_start""")
        .param(payer.id())
        .query((rs, row) -> new StatementList.Closed(monthOf(rs, "month_start"),
            rs.getTimestamp("closed_at").toInstant(), rs.getLong("total_cents"), rs.getLong("entries")))
        .list();
    List<StatementList.Unbilled> unbilled = jdbc.sql("""
            select date_trunc('month', l.occurred_on)::date as month_start, count(*) as entries,
                   sum(l.amount_cents) as amount_cents
              from payment_ledger l
             where l.payer_id = ?
               and not exists (select 1 from payment_statement_entry e where e.ledger_entry_id = l.id)
             group by 1
             order by 1""")
        .param(payer.id())
        .query((rs, row) -> new StatementList.Unbilled(monthOf(rs, "month_start"), rs.getLong("entries"),
            rs.getLong("amount_cents")))
        .list();
    return new StatementList(payer.code(), closed, unbilled);
  }

  /**
   * Closes the month's statement: once the month is over in the HUB's time zone, in month order, once. A
   * second close (a retry, another administrator, another instance) waits on the payer's lock and answers
   * the statement the first one closed.
   */
  @Transactional
  public PaymentStatement close(String payerCode, YearMonth month, Actor actor) {
    requireAdministrator(actor, "Only a HUB administrator closes statements");
    Payers.Payer payer = payers.find(payerCode).orElseThrow(() -> new NotFound("Payer", payerCode));
    if (!clock.today().isAfter(month.atEndOfMonth())) {
      throw new InvalidInput("month", "is not over yet in the HUB's time zone: a statement closes after its month");
    }
    payers.lock(payer.id());
    Optional<PaymentStatement> already = closed(payer, month);
    if (already.isPresent()) {
      return already.get();
    }
    Optional<LocalDate> later = jdbc.sql("""
            select month_start from payment_statement where payer_id = ? and month_start > ?
             order by month_start desc limit 1""")
        .params(payer.id(), month.atDay(1)).query(LocalDate.class).optional();
    if (later.isPresent()) {
      throw new StatementRefused("Statements close in month order: " + YearMonth.from(later.get())
          + " is already closed, and what " + month + " did not bill is on the next open statement");
    }
    StatementArithmetic.Computed computed = StatementArithmetic.compute(month, unbilled(payer.id(), month));
    UUID statementId = UUID.randomUUID();
    jdbc.sql("""
            insert into payment_statement (id, payer_id, month_start, closed_at, closed_by, current_cents,
                                           adjustment_cents, total_cents)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(statementId, payer.id(), month.atDay(1), Timestamp.from(clock.now()), actor.userId(),
            computed.currentCents(), computed.adjustmentCents(), computed.totalCents())
        .update();
    List<StatementLine> lines = computed.lines();
    List<Integer> lineNumbers = java.util.stream.IntStream.rangeClosed(1, lines.size()).boxed().toList();
    batch.batchUpdate("""
            insert into payment_statement_line (statement_id, line_no, kind, agency_id, agency_name, pathway_code,
                                                milestone, outcome_variant, entry_count, amount_cents)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lineNumbers, 500, (statement, lineNo) -> {
          StatementLine line = lines.get(lineNo - 1);
          statement.setObject(1, statementId);
          statement.setInt(2, lineNo);
          statement.setString(3, line.kind().name());
          statement.setObject(4, line.agencyId());
          statement.setString(5, line.agencyName());
          statement.setString(6, line.pathwayCode());
          statement.setString(7, line.milestone());
          statement.setString(8, line.outcomeVariant());
          statement.setLong(9, line.count());
          statement.setLong(10, line.amountCents());
        });
    batch.batchUpdate("insert into payment_statement_entry (ledger_entry_id, statement_id, kind) values (?, ?, ?)",
        List.copyOf(computed.kinds().entrySet()), 1000, (statement, entry) -> {
          statement.setObject(1, entry.getKey());
          statement.setObject(2, statementId);
          statement.setString(3, entry.getValue().name());
        });
    return closed(payer, month).orElseThrow();
  }

  /**
   * Releases a closed statement's rows with their members' ids to the payer of record, for claims matching:
   * a HUB administrator's decision, recorded with its reason.
   */
  @Transactional
  public MemberExport releaseMemberExport(String payerCode, YearMonth month, String reason, Actor actor) {
    requireAdministrator(actor, "Only a HUB administrator releases member-level exports");
    Payers.Payer payer = payers.find(payerCode).orElseThrow(() -> new NotFound("Payer", payerCode));
    UUID statementId = jdbc.sql("select id from payment_statement where payer_id = ? and month_start = ?")
        .params(payer.id(), month.atDay(1)).query(UUID.class).optional()
        .orElseThrow(() -> new StatementRefused("The statement of " + month
            + " is open: close it first, so that the export matches what was billed"));
    List<MemberExport.Line> lines = jdbc.sql("""
            select l.id, l.entry_type, e.kind, c.coverage_member_id, c.medicaid_id, l.pathway_code, l.milestone,
                   l.outcome_variant, l.occurred_on, l.amount_cents
              from payment_statement_entry e
              join payment_ledger l on l.id = e.ledger_entry_id
              join pathway p on p.id = l.pathway_id
              join client c on c.id = p.client_id
             where e.statement_id = ?
             order by l.seq""")
        .param(statementId)
        .query((rs, row) -> new MemberExport.Line(rs.getObject("id", UUID.class), rs.getString("entry_type"),
            StatementLine.Kind.valueOf(rs.getString("kind")), rs.getString("coverage_member_id"),
            rs.getString("medicaid_id"), rs.getString("pathway_code"), rs.getString("milestone"),
            rs.getString("outcome_variant"), rs.getObject("occurred_on", LocalDate.class),
            rs.getLong("amount_cents")))
        .list();
    UUID releaseId = UUID.randomUUID();
    java.time.Instant now = clock.now();
    jdbc.sql("""
            insert into payment_statement_member_export (id, statement_id, released_by, released_at, reason,
                                                         entry_count)
            values (?, ?, ?, ?, ?, ?)""")
        .params(releaseId, statementId, actor.userId(), Timestamp.from(now), reason, lines.size())
        .update();
    return new MemberExport(releaseId, payer.code(), month.toString(), now, reason, lines,
        lines.stream().mapToLong(MemberExport.Line::amountCents).sum());
  }

  private PaymentStatement open(Payers.Payer payer, YearMonth month) {
    StatementArithmetic.Computed computed = StatementArithmetic.compute(month, unbilled(payer.id(), month));
    return new PaymentStatement(payer.code(), payer.name(), month.toString(), PaymentStatement.Status.OPEN, null,
        computed.lines(), computed.currentCents(), computed.adjustmentCents(), computed.totalCents(),
        computed.kinds().size());
  }

  private Optional<PaymentStatement> closed(Payers.Payer payer, YearMonth month) {
    record Frozen(UUID id, java.time.Instant closedAt, long current, long adjustment, long total, long entries) {}
    return jdbc.sql("""
            select s.id, s.closed_at, s.current_cents, s.adjustment_cents, s.total_cents,
                   (select count(*) from payment_statement_entry e where e.statement_id = s.id) as entries
              from payment_statement s
             where s.payer_id = ? and s.month_start = ?""")
        .params(payer.id(), month.atDay(1))
        .query((rs, row) -> new Frozen(rs.getObject("id", UUID.class), rs.getTimestamp("closed_at").toInstant(),
            rs.getLong("current_cents"), rs.getLong("adjustment_cents"), rs.getLong("total_cents"),
            rs.getLong("entries")))
        .optional()
        .map(frozen -> new PaymentStatement(payer.code(), payer.name(), month.toString(),
            PaymentStatement.Status.CLOSED, frozen.closedAt(), frozenLines(frozen.id()), frozen.current(),
            frozen.adjustment(), frozen.total(), frozen.entries()));
  }

  private List<StatementLine> frozenLines(UUID statementId) {
    return jdbc.sql("select * from payment_statement_line where statement_id = ? order by line_no")
        .param(statementId)
        .query((rs, row) -> new StatementLine(StatementLine.Kind.valueOf(rs.getString("kind")),
            rs.getObject("agency_id", UUID.class), rs.getString("agency_name"), rs.getString("pathway_code"),
            rs.getString("milestone"), rs.getString("outcome_variant"), rs.getLong("entry_count"),
            rs.getLong("amount_cents")))
        .list();
  }

  /** The payer's rows dated up to the end of the month that no closed statement billed. */
  private List<StatementEntry> unbilled(UUID payerId, YearMonth month) {
    return jdbc.sql("""
            select l.id, l.entry_type, l.agency_id, a.name as agency_name, l.pathway_code, l.milestone,
                   l.outcome_variant, l.amount_cents, coalesce(earning.occurred_on, l.occurred_on) as service_date,
                   billed.ledger_entry_id is not null as corrects_closed
              from payment_ledger l
              join agency a on a.id = l.agency_id
              left join payment_ledger earning on earning.id = l.reverses
              left join payment_statement_entry billed on billed.ledger_entry_id = l.reverses
             where l.payer_id = :payer
               and l.occurred_on <= :lastDay
               and not exists (select 1 from payment_statement_entry e where e.ledger_entry_id = l.id)
             order by l.seq""")
        .param("payer", payerId)
        .param("lastDay", month.atEndOfMonth())
        .query((rs, row) -> new StatementEntry(rs.getObject("id", UUID.class),
            "REVERSAL".equals(rs.getString("entry_type")), rs.getObject("agency_id", UUID.class),
            rs.getString("agency_name"), rs.getString("pathway_code"), rs.getString("milestone"),
            rs.getString("outcome_variant"), rs.getLong("amount_cents"),
            rs.getObject("service_date", LocalDate.class), rs.getBoolean("corrects_closed")))
        .list();
  }

  /** HUB administrators read every payer's statements; a funder only their own payer's (others do not exist for them). */
  private Payers.Payer readableBy(String payerCode, Actor actor) {
    switch (actor.role()) {
      case HUB_ADMIN -> { }
      case FUNDER -> {
        String own = staff.agency(actor.agencyId()).map(Agency::payerCode).orElse(null);
        if (!payerCode.equals(own)) {
          throw new NotFound("Payer", payerCode);
        }
      }
      case CHW, SUPERVISOR, PARTNER -> throw new Forbidden("Payment statements are for funders and HUB administrators");
    }
    return payers.find(payerCode).orElseThrow(() -> new NotFound("Payer", payerCode));
  }

  private static void requireAdministrator(Actor actor, String reason) {
    if (actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden(reason);
    }
  }

  private static String monthOf(ResultSet rs, String column) throws SQLException {
    return YearMonth.from(rs.getObject(column, LocalDate.class)).toString();
  }
}
