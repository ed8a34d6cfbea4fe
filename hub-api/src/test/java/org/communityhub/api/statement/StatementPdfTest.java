package org.communityhub.api.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.communityhub.engine.payment.PaymentStatement;
import org.communityhub.engine.payment.StatementLine;
import org.junit.jupiter.api.Test;

/** The PDF of a statement: every line and the totals, over as many pages as it takes, whatever the names. */
class StatementPdfTest {

  @Test
  void aLongStatementGoesOnToFurtherPagesAndEndsWithItsTotals() throws IOException {
    List<StatementLine> lines = IntStream.range(0, 120).mapToObj(i -> new StatementLine(
        i < 100 ? StatementLine.Kind.CURRENT : StatementLine.Kind.ADJUSTMENT, UUID.randomUUID(), "Agency " + i,
        "HOUSING", "OUTCOME_CONFIRMED", "STANDARD", 1, 45_000)).toList();
    PaymentStatement statement = new PaymentStatement("STATE_MEDICAID", "State Medicaid", "2026-03",
        PaymentStatement.Status.CLOSED, Instant.parse("2026-04-02T14:00:00Z"), lines, 4_500_000, 900_000, 5_400_000,
        120);

    try (PDDocument pdf = Loader.loadPDF(StatementPdf.render(statement, ZoneId.of("America/New_York")))) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text).contains("Payment statement 2026-03 - State Medicaid (STATE_MEDICAID)", "Closed 2026-04-02 10:00",
          "Agency 0 ", "Agency 119 ", "Services of 2026-03 45000.00", "Adjustments to earlier months 9000.00",
          "Total owed 54000.00");
    }
  }

  @Test
  void namesTheStandardFontsCannotShowPrintWithQuestionMarks() throws IOException {
    PaymentStatement statement = new PaymentStatement("P", "Plan Zdrowia Łódź", "2026-03", PaymentStatement.Status.OPEN,
        null, List.of(new StatementLine(StatementLine.Kind.CURRENT, UUID.randomUUID(), "Centro Comunitário 社区",
            "HOUSING", "OUTCOME_CONFIRMED", "STANDARD", 2, 0)), 0, 0, 0, 2);

    try (PDDocument pdf = Loader.loadPDF(StatementPdf.render(statement, ZoneId.of("UTC")))) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("Plan Zdrowia ?ód?", "Centro Comunitário ??", "Open");
    }
  }
}
