package org.communityhub.pathways;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How long a pathway may stay open: {@code days} after the opening date, or, when {@code afterField} names
 * an opening field (a DATE), {@code days} after that date (e.g. 60 days after the estimated due date).
 *
 * @param note why the limit is what it is, when its source needs a word (e.g. which part is recalled)
 */
public record TimeLimit(int days, String afterField, Source source, String note) {

  public TimeLimit {
    if (days <= 0) throw new IllegalArgumentException("a time limit must be at least one day, was " + days);
  }

  /** A limit without a recorded source. */
  public TimeLimit(int days, String afterField) {
    this(days, afterField, null, null);
  }

  /**
   * The last day the pathway may still be completed.
   *
   * @throws IllegalArgumentException when the opening field the limit counts from is missing or not a date
   */
  public LocalDate dueDate(LocalDate openedOn, Map<String, String> openingFields) {
    if (afterField == null) return openedOn.plusDays(days);
    String value = openingFields == null ? null : openingFields.get(afterField);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("opening field " + afterField + " is required for the time limit");
    }
    try {
      return LocalDate.parse(value.strip()).plusDays(days);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("opening field " + afterField + " must be a date (yyyy-MM-dd)", e);
    }
  }

  /**
   * The instant the time-limit timer fires: the start of the day after the {@link #dueDate due date} in
   * the HUB's zone, so the whole due day still counts. This is the value of the process variable
   * {@link ProcessNames#VAR_DEADLINE} (as ISO-8601 text, see {@link ProcessNames#deadlineVariable}).
   */
  public OffsetDateTime deadline(LocalDate openedOn, Map<String, String> openingFields, ZoneId zone) {
    return dueDate(openedOn, openingFields).plusDays(1).atStartOfDay(zone).toOffsetDateTime();
  }
}
