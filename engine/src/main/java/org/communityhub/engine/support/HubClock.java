package org.communityhub.engine.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The HUB's notion of now. Steps are dated in the HUB's own time zone (a CHW's "today"), while instants are
 * stored in UTC.
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
}
