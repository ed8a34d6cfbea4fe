package org.communityhub.api.statement;

import static org.communityhub.api.report.Csv.amount;
import static org.communityhub.api.report.Csv.field;

import org.communityhub.engine.payment.MemberExport;
import org.communityhub.engine.payment.PaymentStatement;
import org.communityhub.engine.payment.StatementLine;

/** RFC 4180 CSV of a statement (its lines, then the month's, the adjustments' and the whole total) and of a member export. */
final class StatementCsv {

  private StatementCsv() {}

  static String render(PaymentStatement statement) {
    StringBuilder csv = new StringBuilder(
        "payer,month,status,kind,agency_id,agency_name,pathway_code,milestone,outcome_variant,count,amount\r\n");
    String prefix = String.join(",", field(statement.payer()), statement.month(), statement.status().name());
    for (StatementLine line : statement.lines()) {
      csv.append(String.join(",", prefix, line.kind().name(), line.agencyId().toString(), field(line.agencyName()),
          field(line.pathwayCode()), field(line.milestone()), field(line.outcomeVariant()),
          Long.toString(line.count()), amount(line.amountCents()))).append("\r\n");
    }
    csv.append(total(prefix, "CURRENT", "TOTAL CURRENT", statement.currentCents()));
    csv.append(total(prefix, "ADJUSTMENT", "TOTAL ADJUSTMENTS", statement.adjustmentCents()));
    csv.append(total(prefix, "", "TOTAL", statement.totalCents()));
    return csv.toString();
  }

  static String render(MemberExport export) {
    StringBuilder csv = new StringBuilder("payer,month,ledger_entry_id,entry_type,kind,coverage_member_id,"
        + "medicaid_id,pathway_code,milestone,outcome_variant,occurred_on,amount\r\n");
    for (MemberExport.Line line : export.lines()) {
      csv.append(String.join(",", field(export.payer()), export.month(), line.ledgerEntryId().toString(),
          line.entryType(), line.kind().name(), field(line.coverageMemberId()), field(line.medicaidId()),
          field(line.pathwayCode()), field(line.milestone()), field(line.outcomeVariant()),
          line.occurredOn().toString(), amount(line.amountCents()))).append("\r\n");
    }
    return csv.toString();
  }

  private static String total(String prefix, String kind, String label, long cents) {
    return String.join(",", prefix, kind, "", label, "", "", "", "", amount(cents)) + "\r\n";
  }
}
