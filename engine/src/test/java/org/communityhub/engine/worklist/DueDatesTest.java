package org.communityhub.engine.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Due-date logic on a day the test chooses, not the machine's. */
class DueDatesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  private final DueDates due = new DueDates(TODAY, 14);

  @Test
  void aStepIsOverdueTheDayAfterItWasDue() {
    assertThat(due.overdue(TODAY)).isFalse();
    assertThat(due.overdue(TODAY.minusDays(1))).isTrue();
  }

  @Test
  void aTimeLimitFromTodayToTheLastOfTheDaysIsClose() {
    assertThat(due.closeToTimeLimit(TODAY)).isTrue();
    assertThat(due.closeToTimeLimit(TODAY.plusDays(14))).isTrue();
    assertThat(due.closeToTimeLimit(TODAY.plusDays(15))).isFalse();
    assertThat(due.closeToTimeLimit(TODAY.minusDays(1))).as("past: overdue, not close").isFalse();
    assertThat(new DueDates(TODAY, 0).closeToTimeLimit(TODAY.plusDays(1))).isFalse();
  }

  @Test
  void countsDaysToADay() {
    assertThat(due.daysTo(TODAY.plusDays(5))).isEqualTo(5);
    assertThat(due.daysTo(TODAY.minusDays(2))).isEqualTo(-2);
    assertThat(due.closeToLimitUntil()).isEqualTo(LocalDate.of(2026, 3, 24));
  }
}
