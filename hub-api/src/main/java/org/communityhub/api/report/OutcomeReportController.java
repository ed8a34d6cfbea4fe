package org.communityhub.api.report;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.outcome.OutcomeMetrics;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outcome metrics of a payer's pathways for [from, to], de-identified and small counts suppressed, in JSON or CSV. */
@RestController
class OutcomeReportController {

  private final OutcomeMetrics metrics;
  private final CurrentActor actor;

  OutcomeReportController(OutcomeMetrics metrics, CurrentActor actor) {
    this.metrics = metrics;
    this.actor = actor;
  }

  @GetMapping(value = "/reports/outcomes", produces = "application/json")
  OutcomeMetrics.Report json(@RequestParam @Size(max = 64) String payer,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return metrics.report(payer, from, to, actor.get());
  }

  @GetMapping(value = "/reports/outcomes", produces = "text/csv")
  String csv(@RequestParam @Size(max = 64) String payer,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return OutcomeReportCsv.render(metrics.report(payer, from, to, actor.get()));
  }
}
