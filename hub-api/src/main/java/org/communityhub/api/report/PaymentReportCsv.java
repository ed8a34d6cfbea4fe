package org.communityhub.api.report;

import static org.communityhub.api.report.Csv.amount;
import static org.communityhub.api.report.Csv.field;

import org.communityhub.engine.payment.PaymentReport;

/** RFC 4180 CSV of a payment report; amounts in currency units with two decimals, from integer cents. */
final class PaymentReportCsv {

  private PaymentReportCsv() {}

  static String render(PaymentReport.Report report) {
    StringBuilder csv = new StringBuilder(
        "payer,from,to,agency_id,agency_name,pathway_code,milestone,outcome_variant,count,amount\r\n");
    for (PaymentReport.Line line : report.lines()) {
      csv.append(String.join(",", field(report.payer()), report.from().toString(), report.to().toString(),
              line.agencyId().toString(), field(line.agencyName()), field(line.pathwayCode()),
              field(line.milestone()), field(line.outcomeVariant()), Long.toString(line.count()),
              amount(line.amountCents())))
          .append("\r\n");
    }
    csv.append(String.join(",", field(report.payer()), report.from().toString(), report.to().toString(),
        "", "TOTAL", "", "", "", "", amount(report.totalCents()))).append("\r\n");
    return csv.toString();
  }
}
