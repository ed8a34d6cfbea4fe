package org.communityhub.engine.worklist;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How an open pathway stands on a given day. Its next step is due on the day its wait ends (a step that waits
 * for an earlier step's date) or else on the pathway's time limit; it is overdue once that day has passed
 * unrecorded. A pathway is close to its time limit when the limit is today or within the next days.
 */
record DueDates(LocalDate today, int closeToLimitDays) {

  boolean overdue(LocalDate dueOn) {
    return dueOn.isBefore(today);
  }

  boolean closeToTimeLimit(LocalDate timeLimit) {
    return !timeLimit.isBefore(today) && !timeLimit.isAfter(closeToLimitUntil());
  }

  LocalDate closeToLimitUntil() {
    return today.plusDays(closeToLimitDays);
  }

  long daysTo(LocalDate day) {
    return ChronoUnit.DAYS.between(today, day);
  }
}
