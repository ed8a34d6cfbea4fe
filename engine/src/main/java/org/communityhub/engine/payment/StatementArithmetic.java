package org.communityhub.engine.payment;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.communityhub.engine.payment.StatementLine.Kind;

/**
 * Turns a month's ledger rows into statement lines and totals. Every row counts on exactly one line (an
 * earning +1, a reversal -1, its amount as recorded, reversals negative), so the totals are the sum of the
 * rows' amounts: a statement reconciles with the ledger by construction.
 */
final class StatementArithmetic {

  private StatementArithmetic() {}

  /** The lines, their totals, and which kind of line each ledger row went to (frozen when a statement closes). */
  record Computed(List<StatementLine> lines, long currentCents, long adjustmentCents, Map<UUID, Kind> kinds) {

    long totalCents() {
      return currentCents + adjustmentCents;
    }
  }

  private record LineKey(Kind kind, String agencyName, UUID agencyId, String pathwayCode, String milestone,
      String outcomeVariant) {}

  private static final Comparator<LineKey> LINE_ORDER = Comparator.comparing(LineKey::kind)
      .thenComparing(LineKey::agencyName).thenComparing(LineKey::agencyId).thenComparing(LineKey::pathwayCode)
      .thenComparing(LineKey::milestone).thenComparing(LineKey::outcomeVariant);

  static Computed compute(YearMonth month, List<StatementEntry> entries) {
    Map<LineKey, long[]> sums = new TreeMap<>(LINE_ORDER);
    Map<UUID, Kind> kinds = new LinkedHashMap<>();
    for (StatementEntry entry : entries) {
      Kind kind = kindOf(month, entry);
      kinds.put(entry.ledgerEntryId(), kind);
      long[] sum = sums.computeIfAbsent(new LineKey(kind, entry.agencyName(), entry.agencyId(), entry.pathwayCode(),
          entry.milestone(), entry.outcomeVariant()), key -> new long[2]);
      sum[0] += entry.reversal() ? -1 : 1;
      sum[1] += entry.amountCents();
    }
    long current = 0;
    long adjustment = 0;
    List<StatementLine> lines = new java.util.ArrayList<>();
    for (var line : sums.entrySet()) {
      LineKey key = line.getKey();
      long amount = line.getValue()[1];
      lines.add(new StatementLine(key.kind(), key.agencyId(), key.agencyName(), key.pathwayCode(), key.milestone(),
          key.outcomeVariant(), line.getValue()[0], amount));
      if (key.kind() == Kind.CURRENT) {
        current += amount;
      } else {
        adjustment += amount;
      }
    }
    return new Computed(List.copyOf(lines), current, adjustment, kinds);
  }

  /**
   * An adjustment corrects what an earlier period billed: a reversal of an earning on a closed statement, or
   * any row whose service is dated before this month. A reversal of an earning not yet billed takes its
   * earning's kind, so that the two cancel out on one line.
   */
  static Kind kindOf(YearMonth month, StatementEntry entry) {
    if (entry.correctsClosedStatement() || entry.serviceDate().isBefore(month.atDay(1))) {
      return Kind.ADJUSTMENT;
    }
    return Kind.CURRENT;
  }
}
