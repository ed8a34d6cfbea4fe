package org.communityhub.engine.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The HUB's notion of now. Steps are dated in the HUB's own time zone (a CHW's "today"), while instants are
 * stored in UTC; deadlines run to the end of their due day in the HUB's zone.
 */
public final class HubClock {

  private final Clock clock;
  private final ZoneId zone;

  public HubClock(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  public Instant now() {
    return clock.instant();
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  public ZoneId zone() {
    return zone;
  }

  /** The last moment of a due date: the first instant of the next day in the HUB's zone. */
  public OffsetDateTime endOf(LocalDate dueDate) {
    return dueDate.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
  }
}
