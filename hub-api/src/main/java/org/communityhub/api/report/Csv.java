package org.communityhub.api.report;

import java.math.BigDecimal;

/** Cells of the HUB's RFC 4180 CSV answers. */
public final class Csv {

  private Csv() {}

  /** Currency units with two decimals, from integer cents. */
  public static String amount(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** Quotes when needed, and defuses spreadsheet formulas in names that start with =, +, - or @. */
  public static String field(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
    return safe.matches(".*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
