package org.communityhub.api.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.communityhub.engine.outcome.OutcomeMetrics;

/**
 * RFC 4180 CSV of outcome metrics, one line per row and metric (the metric named as in the JSON answer), so
 * that every value of the JSON is one line here. A suppressed count reads {@code <11}, a suppressed rate or
 * median {@code suppressed}, a rate without a denominator is empty. An empty pathway or agency means all.
 */
final class OutcomeReportCsv {

  private OutcomeReportCsv() {}

  static String render(OutcomeMetrics.Report report) {
    StringBuilder csv = new StringBuilder("payer,from,to,pathway_code,agency_id,agency_name,metric,value\r\n");
    String suppressedCount = "<" + report.smallestCountShown();
    for (OutcomeMetrics.Row row : report.rows()) {
      String prefix = String.join(",", Csv.field(report.payer()), report.from().toString(),
          report.to().toString(), Csv.field(row.pathwayCode()),
          row.agencyId() == null ? "" : row.agencyId().toString(), Csv.field(row.agencyName()));
      Line line = (metric, value) -> {
        String text = row.suppressed().contains(metric)
            ? (isRateOrMedian(metric) ? "suppressed" : suppressedCount)
            : value == null ? "" : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        csv.append(prefix).append(',').append(metric).append(',').append(text).append("\r\n");
      };
      line.add("opened", row.opened());
      line.add("completed", row.completed());
      line.add("finishedIncomplete", row.finishedIncomplete());
      for (Map.Entry<String, Long> reason : row.finishedIncompleteByReason().entrySet()) {
        line.add("finishedIncompleteByReason." + reason.getKey(), reason.getValue());
      }
      line.add("completionRate", row.completionRate());
      line.add("medianDaysToCompletion", row.medianDaysToCompletion());
      OutcomeMetrics.Pregnancy pregnancy = row.pregnancy();
      if (pregnancy != null) {
        line.add("pregnancy.births", pregnancy.births());
        line.add("pregnancy.healthyBirthWeight", pregnancy.healthyBirthWeight());
        line.add("pregnancy.lowBirthWeight", pregnancy.lowBirthWeight());
        line.add("pregnancy.healthyBirthWeightRate", pregnancy.healthyBirthWeightRate());
        line.add("pregnancy.firstTrimesterEnrollments", pregnancy.firstTrimesterEnrollments());
        line.add("pregnancy.laterEnrollments", pregnancy.laterEnrollments());
        line.add("pregnancy.firstTrimesterEnrollmentRate", pregnancy.firstTrimesterEnrollmentRate());
      }
    }
    return csv.toString();
  }

  private static final List<String> RATES_AND_MEDIANS = List.of("completionRate", "medianDaysToCompletion",
      "pregnancy.healthyBirthWeightRate", "pregnancy.firstTrimesterEnrollmentRate");

  private static boolean isRateOrMedian(String metric) {
    return RATES_AND_MEDIANS.contains(metric);
  }

  private interface Line {
    void add(String metric, Object value);
  }
}
