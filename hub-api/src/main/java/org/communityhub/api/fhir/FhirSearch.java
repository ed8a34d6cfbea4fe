package org.communityhub.api.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.communityhub.engine.support.InvalidInput;
import org.hl7.fhir.r4.model.Resource;

/**
 * A search's parameters: the patient (an id, or a reference {@code Patient/<id>}) and, for polling,
 * {@code _lastUpdated} with the prefix {@code gt} or {@code ge} and an instant or a date (a date means its
 * start, UTC). Other prefixes are refused: a partner polls forward from its last poll.
 */
record FhirSearch(UUID patient, Instant since, boolean inclusive) {

  static FhirSearch parse(String patient, String lastUpdated) {
    UUID patientId = patientId(patient);
    if (lastUpdated == null) {
      return new FhirSearch(patientId, null, true);
    }
    boolean inclusive;
    if (lastUpdated.startsWith("ge")) {
      inclusive = true;
    } else if (lastUpdated.startsWith("gt")) {
      inclusive = false;
    } else {
      throw new InvalidInput("_lastUpdated", "must start with the prefix ge or gt (e.g. ge2026-01-31T12:00:00Z)");
    }
    return new FhirSearch(patientId, instant(lastUpdated.substring(2)), inclusive);
  }

  private static UUID patientId(String patient) {
    if (patient == null || patient.isBlank()) {
      throw new InvalidInput("patient", "is required: searches are per patient (Patient/<id> or <id>)");
    }
    String id = patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      throw new InvalidInput("patient", "must be a patient id or a reference Patient/<id>");
    }
  }

  private static Instant instant(String value) {
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notADate) {
      throw new InvalidInput("_lastUpdated", "must be a date (2026-01-31) or an instant with its offset "
          + "(2026-01-31T12:00:00Z) after the prefix");
    }
  }

  /** Whether the resource changed since the time asked for. */
  boolean matches(Resource resource) {
    if (since == null) {
      return true;
    }
    Instant updated = resource.getMeta().getLastUpdated().toInstant();
    return inclusive ? !updated.isBefore(since) : updated.isAfter(since);
  }
}
