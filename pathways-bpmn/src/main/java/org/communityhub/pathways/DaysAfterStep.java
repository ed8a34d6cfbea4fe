package org.communityhub.pathways;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A number of days after a date an earlier step recorded, e.g. "30 days after the job started". A step
 * {@link StepDescriptor#waitsFor waits for} it (cannot happen before; the process waits on a timer, element
 * {@code Wait_<Step>}, see {@link ProcessNames#waitTimerDate}) or must happen {@link StepDescriptor#within
 * within} it (before that day). The HUB refuses the step dated on the wrong side.
 *
 * @param afterStep the step that records the date; it must be the step's prerequisite
 * @param afterField the DATE data field of that step
 * @param days how many days after that date
 */
public record DaysAfterStep(String afterStep, String afterField, int days, Source source) {

  public DaysAfterStep {
    Objects.requireNonNull(afterStep, "afterStep");
    Objects.requireNonNull(afterField, "afterField");
    if (days <= 0) throw new IllegalArgumentException("a number of days must be at least one, was " + days);
  }

  /** The day {@link #days} after the recorded date: the first day a waiting step may happen, the first day a step within may not. */
  public LocalDate dayAfter(LocalDate recorded) {
    return recorded.plusDays(days);
  }
}
