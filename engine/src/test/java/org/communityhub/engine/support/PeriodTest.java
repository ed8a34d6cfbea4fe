package org.communityhub.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void spansWholeDaysInTheHubsZone() {
    Period november = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));

    assertThat(november.start(NEW_YORK)).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
    assertThat(november.end(NEW_YORK)).isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
  }

  @Test
  void refusesAPeriodRunningBackwardsOrTooLongNamingTheField() {
    LocalDate day = LocalDate.of(2026, 11, 1);

    assertThat(new Period(day, day).requireValid("period", 1)).isEqualTo(new Period(day, day));
    assertThatThrownBy(() -> new Period(day, day.minusDays(1)).requireValid("period", 366))
        .isInstanceOfSatisfying(InvalidInput.class, refused -> assertThat(refused.fieldProblems())
            .containsExactly(new FieldProblem("period.from", "must not be after period.to")));
    assertThatThrownBy(() -> new Period(day, day.plusDays(366)).requireValid("period", 366))
        .isInstanceOfSatisfying(InvalidInput.class, refused -> assertThat(refused.fieldProblems())
            .extracting(FieldProblem::field).containsExactly("period.from"));
    assertThat(new Period(day, day.plusDays(365)).requireValid("period", 366).to()).isEqualTo(day.plusDays(365));
  }
}
