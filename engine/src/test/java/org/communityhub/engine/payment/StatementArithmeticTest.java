package org.communityhub.engine.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.payment.StatementLine.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a month's ledger rows become statement lines: kinds, counts, amounts and totals. */
class StatementArithmeticTest {

  private static final YearMonth MARCH = YearMonth.of(2026, 3);
  private static final UUID NORTH = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID SOUTH = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  @ParameterizedTest(name = "{0} service {1}, earning billed {2}: {3}")
  @CsvSource({
      "EARNING,  2026-03-01, false, CURRENT",     // the month's first day
      "EARNING,  2026-03-31, false, CURRENT",     // its last day
      "EARNING,  2026-02-28, false, ADJUSTMENT",  // recorded or approved after February
      "REVERSAL, 2026-03-10, false, CURRENT",     // takes back an earning of this open month: nets on its line
      "REVERSAL, 2026-02-10, false, ADJUSTMENT",  // an earning of February not billed yet: with that earning
      "REVERSAL, 2026-02-10, true,  ADJUSTMENT",  // an earning a closed statement billed
      "REVERSAL, 2026-03-10, true,  ADJUSTMENT"}) // billed already (a statement closed early in the month's life)
  void aRowIsAnAdjustmentWhenItCorrectsAnEarlierPeriod(String type, LocalDate serviceDate, boolean billed,
      Kind expected) {
    StatementEntry entry = new StatementEntry(UUID.randomUUID(), type.equals("REVERSAL"), NORTH, "North",
        "HOUSING", "OUTCOME_CONFIRMED", "STANDARD", type.equals("REVERSAL") ? -45_000 : 45_000, serviceDate, billed);
    assertThat(StatementArithmetic.kindOf(MARCH, entry)).isEqualTo(expected);
  }

  @Test
  void linesCountEarningsLessReversalsAndTotalsAreTheSumOfEveryRow() {
    UUID reversedLater = UUID.randomUUID();
    List<StatementEntry> rows = List.of(
        earning(NORTH, "HOUSING", "STANDARD", 45_000, "2026-03-02"),
        earning(NORTH, "HOUSING", "STANDARD", 45_000, "2026-03-20"),
        new StatementEntry(UUID.randomUUID(), true, NORTH, "North", "HOUSING", "OUTCOME_CONFIRMED", "STANDARD",
            -45_000, LocalDate.parse("2026-03-20"), false),
        earning(SOUTH, "PREGNANCY", "HEALTHY_BIRTH_WEIGHT", 60_000, "2026-03-05"),
        earning(SOUTH, "PREGNANCY", "LOW_BIRTH_WEIGHT", 0, "2026-03-06"),
        earning(SOUTH, "PREGNANCY", "HEALTHY_BIRTH_WEIGHT", 60_000, "2026-02-27"),
        new StatementEntry(reversedLater, true, NORTH, "North", "HOUSING", "OUTCOME_CONFIRMED", "STANDARD", -45_000,
            LocalDate.parse("2026-02-14"), true));

    StatementArithmetic.Computed statement = StatementArithmetic.compute(MARCH, rows);

    assertThat(statement.lines()).containsExactly(
        line(Kind.CURRENT, NORTH, "HOUSING", "STANDARD", 1, 45_000),
        line(Kind.CURRENT, SOUTH, "PREGNANCY", "HEALTHY_BIRTH_WEIGHT", 1, 60_000),
        line(Kind.CURRENT, SOUTH, "PREGNANCY", "LOW_BIRTH_WEIGHT", 1, 0),
        line(Kind.ADJUSTMENT, NORTH, "HOUSING", "STANDARD", -1, -45_000),
        line(Kind.ADJUSTMENT, SOUTH, "PREGNANCY", "HEALTHY_BIRTH_WEIGHT", 1, 60_000));
    assertThat(statement.currentCents()).isEqualTo(105_000);
    assertThat(statement.adjustmentCents()).isEqualTo(15_000);
    assertThat(statement.totalCents()).isEqualTo(rows.stream().mapToLong(StatementEntry::amountCents).sum());
    assertThat(statement.kinds()).hasSize(rows.size()).containsEntry(reversedLater, Kind.ADJUSTMENT);
  }

  @Test
  void aMonthWithoutRowsHasNoLinesAndZeroTotals() {
    StatementArithmetic.Computed empty = StatementArithmetic.compute(MARCH, List.of());
    assertThat(empty.lines()).isEmpty();
    assertThat(empty.totalCents()).isZero();
  }

  private static StatementEntry earning(UUID agency, String code, String variant, long cents, String day) {
    String milestone = "OUTCOME_CONFIRMED";
    return StatementEntry.earning(UUID.randomUUID(), agency, agency.equals(NORTH) ? "North" : "South", code,
        milestone, variant, cents, LocalDate.parse(day));
  }

  private static StatementLine line(Kind kind, UUID agency, String code, String variant, long count, long cents) {
    return new StatementLine(kind, agency, agency.equals(NORTH) ? "North" : "South", code, "OUTCOME_CONFIRMED",
        variant, count, cents);
  }
}
