package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Monthly payment statements: lines and totals equal the ledger's sums exactly, in JSON, CSV and PDF;
 * closing is one close however often and however concurrently it is asked; a closed statement never
 * changes, and a reversal of an earning it billed is an adjustment on the next statement; the payer's own
 * funders read it, other payers' funders do not find it, care teams may not; the member-level export is a
 * HUB administrator's release of a closed statement, kept with its reason.
 */
@SharedRunningHub
class PaymentStatementsTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final YearMonth THIS_MONTH = YearMonth.from(TODAY);
  private static final YearMonth LAST_MONTH = THIS_MONTH.minusMonths(1);

  static RunningHub hub;
  static String chwOfAnotherAgency;

  @BeforeAll
  static void hubWithTwoAgencies() {
    String otherAgency = hub.createAgency("Eastside Care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    chwOfAnotherAgency = hub.createMemberAndLogin("chw-east-" + Personas.unique(), "CHW", otherAgency);
  }

  @Test
  void anOpenStatementsLinesAndTotalsAreTheLedgersSumsInEveryFormat() throws IOException {
    String payer = payerWithHousingContract(45_000);
    ContractFixtures.housingCompletedOn(hub, payer, LAST_MONTH.atDay(10));
    hub.as(chwOfAnotherAgency, () -> ContractFixtures.housingCompletedOn(hub, payer, LAST_MONTH.atDay(12)));
    ContractFixtures.housingCompletedOn(hub, payer, LAST_MONTH.minusMonths(1).atDay(15)); // not billed: an adjustment
    ContractFixtures.housingCompletedOn(hub, payer, TODAY); // this month's: not on last month's statement

    JsonNode statement = asAdmin(() -> hub.get(statementPath(payer, LAST_MONTH))).json();

    assertThat(statement.path("status").asText()).isEqualTo("OPEN");
    assertThat(lineSums(statement)).containsExactlyInAnyOrderElementsOf(ledgerSums(payer, LAST_MONTH));
    assertThat(statement.path("totalCents").asLong()).isEqualTo(ledgerTotal(payer, LAST_MONTH)).isEqualTo(135_000);
    assertThat(statement.path("adjustmentCents").asLong()).isEqualTo(45_000);
    assertThat(statement.path("currentCents").asLong()).isEqualTo(90_000);
    assertThat(statement.path("lines").findValuesAsText("kind")).containsExactly("CURRENT", "CURRENT", "ADJUSTMENT");

    RunningHub.Response csv = asAdmin(() -> hub.get(statementPath(payer, LAST_MONTH), "text/csv"));
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csvTotal(csv.body(), "TOTAL")).isEqualTo(amount(statement.path("totalCents").asLong()));
    assertThat(csvTotal(csv.body(), "TOTAL ADJUSTMENTS")).isEqualTo(amount(45_000));

    String pdf = pdfText(asAdmin(() -> hub.getBytes(statementPath(payer, LAST_MONTH), "application/pdf")));
    assertThat(pdf).contains("Payment statement " + LAST_MONTH, payer, "Total owed " + amount(135_000),
        "Adjustments to earlier months " + amount(45_000), "Services of " + LAST_MONTH + " " + amount(90_000));
  }

  @Test
  void closingIsOneCloseAndAReversalAfterwardsIsAnAdjustmentOnTheNextStatement() throws Exception {
    String payer = payerWithHousingContract(40_000);
    String first = ContractFixtures.housingCompletedOn(hub, payer, LAST_MONTH.atDay(3));
    ContractFixtures.housingCompletedOn(hub, payer, LAST_MONTH.atDay(20));
    String close = "/admin" + statementPath(payer, LAST_MONTH) + "/close";

    // Four administrators (or instances) close at once, each with their own key.
    List<RunningHub.Response> closes = asAdmin(() -> concurrently(4,
        () -> hub.post(close, Map.of(), RunningHub.newKey())));
    assertThat(closes).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
    assertThat(closes).extracting(answer -> answer.json().path("closedAt").asText()).containsOnly(
        closes.getFirst().json().path("closedAt").asText());
    RunningHub.Response again = asAdmin(() -> hub.post(close, Map.of(), RunningHub.newKey()));
    assertThat(again.json()).isEqualTo(closes.getFirst().json());
    assertThat(count("select count(*) from payment_statement s join payer p on p.id = s.payer_id where p.code = ?",
        payer)).isEqualTo(1);

    JsonNode closed = asAdmin(() -> hub.get(statementPath(payer, LAST_MONTH))).json();
    assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.path("totalCents").asLong()).isEqualTo(80_000).isEqualTo(billedTotal(payer, LAST_MONTH));
    assertThat(closed.path("entryCount").asLong())
        .isEqualTo(count("select count(*) from payment_ledger l join payer p on p.id = l.payer_id where p.code = ?",
            payer));

    // The first outcome is voided after the statement closed: its earning is reversed.
    String outcomeStep = hub.jdbc().sql("select id from pathway_step where pathway_id = ?::uuid and step_code = 'MOVED_IN'")
        .param(first).query(String.class).single();
    RunningHub.Response voided = asAdmin(() -> hub.post("/steps/" + outcomeStep + "/void",
        Map.of("reason", "Moved in elsewhere: entered on the wrong client"), RunningHub.newKey()));
    assertThat(voided.status()).as(voided.toString()).isEqualTo(200);

    assertThat(asAdmin(() -> hub.get(statementPath(payer, LAST_MONTH))).json()).as("the closed statement")
        .isEqualTo(closed);
    JsonNode next = asAdmin(() -> hub.get(statementPath(payer, THIS_MONTH))).json();
    assertThat(next.path("status").asText()).isEqualTo("OPEN");
    assertThat(next.path("lines")).hasSize(1);
    JsonNode adjustment = next.path("lines").get(0);
    assertThat(adjustment.path("kind").asText()).isEqualTo("ADJUSTMENT");
    assertThat(adjustment.path("count").asLong()).isEqualTo(-1);
    assertThat(adjustment.path("amountCents").asLong()).isEqualTo(-40_000);
    assertThat(next.path("totalCents").asLong()).isEqualTo(-40_000).isEqualTo(ledgerTotal(payer, THIS_MONTH));
    assertThat(lineSums(next)).containsExactlyInAnyOrderElementsOf(ledgerSums(payer, THIS_MONTH));

    // The payment report reads the ledger's daily sums: with the reversal they are still the ledger's, to the cent.
    JsonNode report = asAdmin(() -> hub.get("/reports/payments?payer=" + payer + "&from=" + LAST_MONTH.atDay(1)
        + "&to=" + THIS_MONTH.atEndOfMonth())).json();
    assertThat(report.path("totalCents").asLong()).isEqualTo(40_000);
    assertThat(report.path("lines").findValuesAsText("count")).containsExactly("1");
    assertThat(dailySumsDisagreeingWithTheLedger()).isEmpty();

    // Nothing changes a closed statement, not even SQL.
    assertThatThrownBy(() -> hub.jdbc().sql("update payment_statement set total_cents = 0 where payer_id = "
        + "(select id from payer where code = ?)").param(payer).update()).hasMessageContaining("immutable");

    // Out of order, or before the month is over: refused, naming why.
    RunningHub.Response earlier = asAdmin(() -> hub.post("/admin" + statementPath(payer, LAST_MONTH.minusMonths(1))
        + "/close", Map.of(), RunningHub.newKey()));
    assertThat(earlier.status()).as(earlier.toString()).isEqualTo(409);
    RunningHub.Response early = asAdmin(() -> hub.post("/admin" + statementPath(payer, THIS_MONTH) + "/close",
        Map.of(), RunningHub.newKey()));
    assertThat(early.status()).as(early.toString()).isEqualTo(422);
    assertThat(early.json().path("errors").findValuesAsText("field")).containsExactly("month");
    RunningHub.Response withoutKey = asAdmin(() -> hub.post(close, Map.of()));
    assertThat(withoutKey.status()).as(withoutKey.toString()).isEqualTo(400);
  }

  @Test
  void thePayersFundersReadItsStatementsOthersDoNot() {
    String payer = payerWithHousingContract(30_000);
    String otherPayer = ContractFixtures.newPayer(hub);
    String funder = funderOf(payer);
    String otherFunder = funderOf(otherPayer);
    ContractFixtures.housingCompletedOn(hub, payer, LAST_MONTH.atDay(5));
    String path = statementPath(payer, LAST_MONTH);

    RunningHub.Response own = hub.as(funder, () -> hub.get(path));
    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    assertThat(own.json().path("totalCents").asLong()).isEqualTo(30_000);
    assertThat(hub.as(funder, () -> hub.get("/payers/" + payer + "/statements")).json()
        .path("unbilled").findValuesAsText("month")).containsExactly(LAST_MONTH.toString());
    assertThat(hub.as(funder, () -> hub.get(path, "text/csv")).status()).isEqualTo(200);
    assertThat(hub.as(funder, () -> hub.getBytes(path, "application/pdf"))).startsWith("%PDF".getBytes());

    RunningHub.Response notTheirs = hub.as(otherFunder, () -> hub.get(path));
    assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(404);
    assertThat(notTheirs.contentType()).startsWith("application/problem+json");
    assertThat(hub.as(otherFunder, () -> hub.get(path, "text/csv")).status()).isEqualTo(404);
    assertThat(hub.as(otherFunder, () -> hub.get("/payers/" + payer + "/statements")).status()).isEqualTo(404);
    assertThat(hub.get(path).status()).as("a CHW").isEqualTo(403);
    assertThat(asAdmin(() -> hub.get(statementPath(payer, THIS_MONTH.plusMonths(1)))).status()).isEqualTo(422);
    assertThat(asAdmin(() -> hub.get("/payers/" + payer + "/statements/2026-13")).status()).isEqualTo(400);

    long audited = count("select count(*) from audit_event where path = ? and status = 200", path);
    assertThat(audited).as("every read audited").isGreaterThanOrEqualTo(3);
    assertThat(count("select count(*) from audit_event where path = ? and status = 404", path)).isEqualTo(2);
  }

  @Test
  void theMemberExportIsAnAdministratorsReleaseOfAClosedStatement() {
    String payer = payerWithHousingContract(25_000);
    String funder = funderOf(payer);
    String pathway = ContractFixtures.housingCompletedOn(hub, payer, LAST_MONTH.atDay(8));
    String export = "/admin" + statementPath(payer, LAST_MONTH) + "/member-export";
    Map<String, String> reason = Map.of("reason", "Claims matching for " + LAST_MONTH);

    RunningHub.Response open = asAdmin(() -> hub.post(export, reason));
    assertThat(open.status()).as("the statement is open: " + open).isEqualTo(409);
    assertThat(asAdmin(() -> hub.post("/admin" + statementPath(payer, LAST_MONTH) + "/close", Map.of(),
        RunningHub.newKey())).status()).isEqualTo(200);
    assertThat(hub.as(funder, () -> hub.post(export, reason)).status()).as("a funder").isEqualTo(403);
    RunningHub.Response noReason = asAdmin(() -> hub.post(export, Map.of("reason", " ")));
    assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
    assertThat(noReason.json().path("errors").findValuesAsText("field")).containsExactly("reason");

    RunningHub.Response released = asAdmin(() -> hub.post(export, reason));
    assertThat(released.status()).as(released.toString()).isEqualTo(200);
    String memberId = hub.jdbc().sql("""
            select c.coverage_member_id from pathway p join client c on c.id = p.client_id where p.id = ?::uuid""")
        .param(pathway).query(String.class).single();
    JsonNode lines = released.json().path("lines");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).path("coverageMemberId").asText()).isEqualTo(memberId);
    assertThat(lines.get(0).path("occurredOn").asText()).isEqualTo(LAST_MONTH.atDay(8).toString());
    assertThat(lines.get(0).path("amountCents").asLong()).isEqualTo(25_000);
    assertThat(released.json().path("totalCents").asLong()).isEqualTo(25_000);
    assertThat(hub.jdbc().sql("select reason from payment_statement_member_export where id = ?::uuid")
        .param(released.json().path("releaseId").asText()).query(String.class).single())
        .isEqualTo(reason.get("reason"));

    RunningHub.Response csv = asAdmin(() -> hub.post(export, reason, Map.of("Accept", "text/csv")));
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.body()).contains(memberId, amount(25_000));
  }

  // --- the ledger, asked directly ---

  /** Per agency, pathway, milestone and variant: earnings less reversals and cents, of rows no closed statement billed. */
  private static List<String> ledgerSums(String payer, YearMonth month) {
    return hub.jdbc().sql("""
            select l.agency_id, l.pathway_code, l.milestone, l.outcome_variant,
                   sum(case when l.entry_type = 'EARNING' then 1 else -1 end) as count, sum(l.amount_cents) as cents
              from payment_ledger l join payer p on p.id = l.payer_id
             where p.code = ? and l.occurred_on <= ?
               and l.id not in (select ledger_entry_id from payment_statement_entry)
             group by 1, 2, 3, 4""")
        .params(payer, month.atEndOfMonth())
        .query((rs, row) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6)))
        .list();
  }

  /**
   * Groups (payer, day, agency, pathway, milestone, variant) where the sums kept for the payment report differ
   * from the ledger's own, in either direction: one statement, so one snapshot of both.
   */
  private static List<String> dailySumsDisagreeingWithTheLedger() {
    return hub.jdbc().sql("""
            with ledger as (
                   select payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant,
                          count(*) filter (where entry_type = 'EARNING') as earnings,
                          count(*) filter (where entry_type = 'REVERSAL') as reversals, sum(amount_cents) as cents
                     from payment_ledger
                    group by 1, 2, 3, 4, 5, 6),
                 daily as (
                   select payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant,
                          earnings, reversals, amount_cents as cents
                     from payment_ledger_daily)
            select 'ledger only: ' || l::text from (select * from ledger except select * from daily) l
            union all
            select 'daily only: ' || d::text from (select * from daily except select * from ledger) d""")
        .query(String.class).list();
  }

  private static long ledgerTotal(String payer, YearMonth month) {
    return hub.jdbc().sql("""
            select coalesce(sum(l.amount_cents), 0) from payment_ledger l join payer p on p.id = l.payer_id
             where p.code = ? and l.occurred_on <= ?
               and l.id not in (select ledger_entry_id from payment_statement_entry)""")
        .params(payer, month.atEndOfMonth()).query(Long.class).single();
  }

  /** The ledger's amounts of the rows a closed statement billed. */
  private static long billedTotal(String payer, YearMonth month) {
    return hub.jdbc().sql("""
            select sum(l.amount_cents) from payment_statement s
              join payer p on p.id = s.payer_id
              join payment_statement_entry e on e.statement_id = s.id
              join payment_ledger l on l.id = e.ledger_entry_id
             where p.code = ? and s.month_start = ?""")
        .params(payer, month.atDay(1)).query(Long.class).single();
  }

  /** The statement's lines summed over their kinds, in the shape of {@link #ledgerSums}. */
  private static List<String> lineSums(JsonNode statement) {
    Map<String, long[]> sums = new java.util.TreeMap<>();
    for (JsonNode line : statement.path("lines")) {
      long[] sum = sums.computeIfAbsent(String.join(" ", line.path("agencyId").asText(),
          line.path("pathwayCode").asText(), line.path("milestone").asText(), line.path("outcomeVariant").asText()),
          key -> new long[2]);
      sum[0] += line.path("count").asLong();
      sum[1] += line.path("amountCents").asLong();
    }
    List<String> lines = new ArrayList<>();
    sums.forEach((key, sum) -> lines.add(key + " " + sum[0] + " " + sum[1]));
    return lines;
  }

  // --- fixtures and helpers ---

  private static String payerWithHousingContract(long outcomeCents) {
    String payer = ContractFixtures.newPayer(hub);
    ContractFixtures.createContract(hub, ContractFixtures.housingContract(payer, LAST_MONTH.minusMonths(2).atDay(1),
        null, false, outcomeCents));
    return payer;
  }

  private static String funderOf(String payer) {
    String agency = hub.createAgency("Funders of " + payer, "PAYER", payer);
    return hub.createMemberAndLogin("funder-" + Personas.unique(), "FUNDER", agency);
  }

  private static String statementPath(String payer, YearMonth month) {
    return "/payers/" + payer + "/statements/" + month;
  }

  private static <T> T asAdmin(java.util.function.Supplier<T> calls) {
    return hub.as(hub.adminToken(), calls);
  }

  private static <T> List<T> concurrently(int copies, Callable<T> call) {
    List<T> answers = new ArrayList<>();
    try (ExecutorService callers = Executors.newFixedThreadPool(copies)) {
      for (Future<T> answer : callers.invokeAll(java.util.Collections.nCopies(copies, call))) {
        answers.add(answer.get());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return answers;
  }

  private static long count(String sql, String parameter) {
    return hub.jdbc().sql(sql).param(parameter).query(Long.class).single();
  }

  private static String amount(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** The amount of the CSV's total row with that label. */
  private static String csvTotal(String csv, String label) {
    return csv.lines().filter(row -> row.contains("," + label + ",")).map(row -> row.substring(row.lastIndexOf(',') + 1))
        .findFirst().orElseThrow(() -> new AssertionError("no " + label + " row in " + csv));
  }

  private static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }
}
