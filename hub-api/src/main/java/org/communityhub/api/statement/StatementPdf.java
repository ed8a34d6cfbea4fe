package org.communityhub.api.statement;

import static org.communityhub.api.report.Csv.amount;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.communityhub.engine.payment.PaymentStatement;
import org.communityhub.engine.payment.StatementLine;

/**
 * A statement as a printable PDF: a title, one table row per line (a new page when one is full) and the
 * totals, in the standard Helvetica fonts (nothing to embed). Characters those fonts cannot show print as '?'.
 */
final class StatementPdf {

  private static final PDRectangle LANDSCAPE = new PDRectangle(PDRectangle.LETTER.getHeight(),
      PDRectangle.LETTER.getWidth());
  private static final float MARGIN = 40;
  private static final float SIZE = 9;
  private static final float LEADING = 14;
  /** Left edges of kind, agency, pathway, milestone, variant; count and amount are right-aligned at their ends. */
  private static final float[] COLUMNS = {MARGIN, 115, 305, 430, 545};
  private static final float COUNT_END = 680;
  private static final float AMOUNT_END = LANDSCAPE.getWidth() - MARGIN;

  private final PDDocument document;
  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private PDPageContentStream page;
  private float y;

  private StatementPdf(PDDocument document) {
    this.document = document;
  }

  static byte[] render(PaymentStatement statement, ZoneId zone) {
    try (PDDocument document = new PDDocument()) {
      new StatementPdf(document).write(statement, zone);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(PaymentStatement statement, ZoneId zone) throws IOException {
    newPage();
    text(bold, 14, MARGIN, "Payment statement " + statement.month() + " - " + statement.payerName()
        + " (" + statement.payer() + ")");
    y -= LEADING * 1.5f;
    text(regular, SIZE, MARGIN, statement.status() == PaymentStatement.Status.CLOSED
        ? "Closed " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(statement.closedAt().atZone(zone))
            + ". A closed statement never changes: later corrections are adjustments on the next statement."
        : "Open: computed from the payment ledger now; it changes until it is closed.");
    y -= LEADING * 1.5f;
    header();
    for (StatementLine line : statement.lines()) {
      if (y < MARGIN + LEADING * 4) {
        newPage();
        header();
      }
      row(regular, line.kind() == StatementLine.Kind.CURRENT ? "Current" : "Adjustment", line.agencyName(),
          line.pathwayCode(), line.milestone(), line.outcomeVariant(), Long.toString(line.count()),
          amount(line.amountCents()));
    }
    if (statement.lines().isEmpty()) {
      text(regular, SIZE, MARGIN, "Nothing on the ledger for this statement.");
      y -= LEADING;
    }
    if (y < MARGIN + LEADING * 4) {
      newPage();
    }
    y -= LEADING / 2;
    total("Services of " + statement.month(), statement.currentCents());
    total("Adjustments to earlier months", statement.adjustmentCents());
    total("Total owed", statement.totalCents());
    text(regular, SIZE, MARGIN, statement.entryCount() + " ledger entries. Amounts in currency units.");
    page.close();
  }

  private void header() throws IOException {
    row(bold, "Kind", "Agency", "Pathway", "Milestone", "Outcome variant", "Count", "Amount");
  }

  private void total(String label, long cents) throws IOException {
    text(bold, SIZE, COLUMNS[3], label);
    right(bold, AMOUNT_END, amount(cents));
    y -= LEADING;
  }

  private void row(PDType1Font font, String kind, String agency, String pathway, String milestone, String variant,
      String count, String amount) throws IOException {
    String[] cells = {kind, agency, pathway, milestone, variant};
    for (int i = 0; i < cells.length; i++) {
      float width = (i + 1 < COLUMNS.length ? COLUMNS[i + 1] : COUNT_END - 40) - COLUMNS[i] - 6;
      text(font, SIZE, COLUMNS[i], fit(font, cells[i], width));
    }
    right(font, COUNT_END, count);
    right(font, AMOUNT_END, amount);
    y -= LEADING;
  }

  private void newPage() throws IOException {
    if (page != null) {
      page.close();
    }
    PDPage next = new PDPage(LANDSCAPE);
    document.addPage(next);
    page = new PDPageContentStream(document, next);
    y = LANDSCAPE.getHeight() - MARGIN;
  }

  private void right(PDType1Font font, float end, String value) throws IOException {
    text(font, SIZE, end - font.getStringWidth(value) / 1000 * SIZE, value);
  }

  private void text(PDType1Font font, float size, float x, String value) throws IOException {
    page.beginText();
    page.setFont(font, size);
    page.newLineAtOffset(x, y);
    page.showText(printable(font, value));
    page.endText();
  }

  /** Cuts a cell to its column's width. */
  private String fit(PDType1Font font, String value, float width) throws IOException {
    String shown = printable(font, value);
    while (!shown.isEmpty() && font.getStringWidth(shown) / 1000 * SIZE > width) {
      shown = shown.substring(0, shown.length() - 1);
    }
    return shown;
  }

  private static String printable(PDType1Font font, String value) {
    StringBuilder shown = new StringBuilder();
    value.codePoints().forEach(codePoint -> {
      String character = new String(Character.toChars(codePoint));
      try {
        font.encode(character);
        shown.append(character);
      } catch (IOException | IllegalArgumentException notInTheFont) {
        shown.append('?');
      }
    });
    return shown.toString();
  }
}
