package org.communityhub.api.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Stream;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayStep;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/** Dates as FHIR writes them, and when a pathway last changed (its resources' meta.lastUpdated). */
final class FhirDates {

  private FhirDates() {}

  /** A calendar date: a DateType keeps its precision (a java.util.Date would carry a time zone). */
  static DateType dateType(LocalDate date) {
    return new DateType(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
  }

  static DateTimeType dateTime(LocalDate date) {
    return new DateTimeType(dateType(date).getValueAsString());
  }

  static DateTimeType dateTime(Instant instant) {
    return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone(ZoneOffset.UTC));
  }

  /** The last change a reader of the pathway would see: opened, a step recorded or voided, closed. */
  static Instant lastChange(Pathway pathway) {
    return Stream.concat(Stream.of(Optional.ofNullable(pathway.openedAt()), Optional.ofNullable(pathway.closedAt())),
            pathway.steps().stream().flatMap(step -> Stream.of(Optional.of(step.recordedAt()),
                Optional.ofNullable(step.voidedAt()))))
        .flatMap(Optional::stream)
        .max(Instant::compareTo)
        .orElseThrow();
  }

  static Instant lastChange(PathwayStep step) {
    return step.voidedAt() != null ? step.voidedAt() : step.recordedAt();
  }
}
