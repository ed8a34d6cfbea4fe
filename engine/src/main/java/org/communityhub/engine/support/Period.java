package org.communityhub.engine.support;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** A span of days in the HUB's time zone, both ends included. */
public record Period(@NotNull LocalDate from, @NotNull LocalDate to) {

  /**
   * @throws InvalidInput naming {@code field.from} when the period runs backwards or is longer than maxDays
   */
  public Period requireValid(String field, int maxDays) {
    if (from.isAfter(to)) {
      throw new InvalidInput(field + ".from", "must not be after " + field + ".to");
    }
    if (ChronoUnit.DAYS.between(from, to) >= maxDays) {
      throw new InvalidInput(field + ".from", "the period may span at most " + maxDays + " days");
    }
    return this;
  }

  /** The first instant of the first day. */
  public Instant start(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the last day. */
  public Instant end(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
