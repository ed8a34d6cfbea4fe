package org.communityhub.api.report;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.payment.PaymentReport;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What a payer owes for events whose occurredOn falls in [from, to], in JSON or CSV. */
@RestController
class PaymentReportController {

  private final PaymentReport reports;
  private final CurrentActor actor;

  PaymentReportController(PaymentReport reports, CurrentActor actor) {
    this.reports = reports;
    this.actor = actor;
  }

  @GetMapping(value = "/reports/payments", produces = "application/json")
  PaymentReport.Report json(@RequestParam @Size(max = 64) String payer,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.owedBy(payer, from, to, actor.get());
  }

  @GetMapping(value = "/reports/payments", produces = "text/csv")
  String csv(@RequestParam @Size(max = 64) String payer,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return PaymentReportCsv.render(reports.owedBy(payer, from, to, actor.get()));
  }
}
