package org.communityhub.api.statement;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;
import org.communityhub.api.idempotency.IdempotencyFilter;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.payment.MemberExport;
import org.communityhub.engine.payment.PaymentStatement;
import org.communityhub.engine.payment.PaymentStatements;
import org.communityhub.engine.support.HubClock;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A payer's monthly statements: read by HUB administrators and the payer's own funders (in JSON, CSV or PDF
 * by Accept), closed and released member by member by HUB administrators only (/admin/**).
 */
@RestController
class StatementController {

  private static final String MONTH = "^[0-9]{4}-(0[1-9]|1[0-2])$";
  private static final String STATEMENT = "/payers/{payer}/statements/{month}";

  private final PaymentStatements statements;
  private final CurrentActor actor;
  private final HubClock clock;

  StatementController(PaymentStatements statements, CurrentActor actor, HubClock clock) {
    this.statements = statements;
    this.actor = actor;
    this.clock = clock;
  }

  /** A member-level export is released for a reason, which is kept with who released it and when. */
  record Release(@NotBlank @Size(max = 500) String reason) {}

  @GetMapping("/payers/{payer}/statements")
  PaymentStatements.StatementList list(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer) {
    return statements.list(payer, actor.get());
  }

  @GetMapping(value = STATEMENT, produces = "application/json")
  PaymentStatement json(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer,
      @PathVariable @Size(max = 7) @Pattern(regexp = MONTH) String month) {
    return statements.read(payer, YearMonth.parse(month), actor.get());
  }

  @GetMapping(value = STATEMENT, produces = "text/csv")
  ResponseEntity<String> csv(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer,
      @PathVariable @Size(max = 7) @Pattern(regexp = MONTH) String month) {
    PaymentStatement statement = statements.read(payer, YearMonth.parse(month), actor.get());
    return attachment(StatementCsv.render(statement), statement, "csv");
  }

  @GetMapping(value = STATEMENT, produces = "application/pdf")
  ResponseEntity<byte[]> pdf(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer,
      @PathVariable @Size(max = 7) @Pattern(regexp = MONTH) String month) {
    PaymentStatement statement = statements.read(payer, YearMonth.parse(month), actor.get());
    return attachment(StatementPdf.render(statement, clock.zone()), statement, "pdf");
  }

  /** Freezes the statement; closing it again answers the statement as it was closed. */
  @PostMapping("/admin" + STATEMENT + "/close")
  @ApiResponse(responseCode = "409", description = "A later month of this payer is already closed.")
  @ApiResponse(responseCode = "422", description = "The month is not over yet in the HUB's time zone.")
  PaymentStatement close(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer,
      @PathVariable @Size(max = 7) @Pattern(regexp = MONTH) String month,
      @RequestHeader(IdempotencyFilter.HEADER) @NotBlank @Size(max = 128) String idempotencyKey) {
    return statements.close(payer, YearMonth.parse(month), actor.get());
  }

  @PostMapping(value = "/admin" + STATEMENT + "/member-export", produces = "application/json")
  @ApiResponse(responseCode = "409", description = "The statement is open: only a closed statement is exported.")
  MemberExport memberExport(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer,
      @PathVariable @Size(max = 7) @Pattern(regexp = MONTH) String month, @Valid @RequestBody Release release) {
    return statements.releaseMemberExport(payer, YearMonth.parse(month), release.reason(), actor.get());
  }

  @PostMapping(value = "/admin" + STATEMENT + "/member-export", produces = "text/csv")
  String memberExportCsv(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer,
      @PathVariable @Size(max = 7) @Pattern(regexp = MONTH) String month, @Valid @RequestBody Release release) {
    return StatementCsv.render(statements.releaseMemberExport(payer, YearMonth.parse(month), release.reason(),
        actor.get()));
  }

  private static <T> ResponseEntity<T> attachment(T body, PaymentStatement statement, String extension) {
    String name = "statement-" + statement.payer() + "-" + statement.month() + "." + extension;
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .body(body);
  }
}
