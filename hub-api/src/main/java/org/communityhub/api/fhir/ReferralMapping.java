package org.communityhub.api.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.referral.NewReferral;
import org.communityhub.engine.referral.Referral;
import org.communityhub.engine.referral.ReferralStatus;
import org.communityhub.engine.support.InvalidInput;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * The SDOH referral pattern, inbound: a partner posts a Task (status requested, intent order) whose focus is
 * a contained ServiceRequest (code: a HUB pathway) and whose for is a contained Patient, owned by the
 * receiving agency. Read back, the referral's Task is requested, rejected (with the reason), or — once
 * accepted — the pathway's Task under the referral's id, so its status follows the pathway.
 */
final class ReferralMapping {

  private ReferralMapping() {}

  static NewReferral fromTask(Task task) {
    if (task.getStatus() != Task.TaskStatus.REQUESTED) {
      throw new InvalidInput("Task.status", "must be requested: a referral is a request");
    }
    if (task.getIntent() != Task.TaskIntent.ORDER) {
      throw new InvalidInput("Task.intent", "must be order");
    }
    UUID receiving = organization(task.getOwner());
    ServiceRequest request = contained(task, task.getFocus(), ServiceRequest.class)
        .orElseThrow(() -> new InvalidInput("Task.focus", "must reference a contained ServiceRequest (#id)"));
    String pathwayCode = request.getCode().getCoding().stream()
        .filter(coding -> FhirCodes.PATHWAY.equals(coding.getSystem()) && coding.hasCode())
        .map(coding -> coding.getCode())
        .findFirst()
        .orElseThrow(() -> new InvalidInput("ServiceRequest.code", "must have a coding of system " + FhirCodes.PATHWAY));
    Patient patient = contained(task, task.getFor(), Patient.class)
        .orElseThrow(() -> new InvalidInput("Task.for", "must reference a contained Patient (#id)"));
    HumanName name = patient.getNameFirstRep();
    String family = limited("Patient.name.family", name.getFamily(), 200, true);
    String given = limited("Patient.name.given", name.hasGiven() ? name.getGiven().getFirst().getValue() : null, 200, true);
    if (!patient.hasBirthDate()) {
      throw new InvalidInput("Patient.birthDate", "is required");
    }
    java.time.LocalDate birthDate;
    try {
      birthDate = java.time.LocalDate.parse(patient.getBirthDateElement().getValueAsString());
    } catch (java.time.format.DateTimeParseException notADay) {
      throw new InvalidInput("Patient.birthDate", "must be a full date (1990-05-05)");
    }
    String phone = patient.getTelecom().stream().filter(telecom -> telecom.getSystem() == ContactPoint.ContactPointSystem.PHONE)
        .map(ContactPoint::getValue).findFirst().orElse(null);
    String medicaidId = patient.getIdentifier().stream().filter(id -> FhirCodes.MEDICAID_ID.equals(id.getSystem()))
        .map(Identifier::getValue).findFirst().orElse(null);
    String note = Stream.concat(task.getNote().stream(), request.getNote().stream()).map(Annotation::getText)
        .filter(text -> text != null && !text.isBlank()).findFirst().orElse(null);
    return new NewReferral(limited("Task.identifier", task.getIdentifierFirstRep().getValue(), 64, false),
        receiving, limited("ServiceRequest.code", pathwayCode, 64, true), given, family, birthDate,
        limited("Patient.telecom", phone, 40, false), limited("Patient.identifier", medicaidId, 64, false),
        limited("Task.note", note, 1000, false));
  }

  /** The referral's Task as its partner reads it back. */
  static Task toTask(Referral referral, Optional<ClientRecord> accepted) {
    Task task;
    Instant lastUpdated = referral.decidedAt() != null ? referral.decidedAt() : referral.receivedAt();
    if (referral.status() == ReferralStatus.ACCEPTED && accepted.isPresent()) {
      Pathway pathway = accepted.get().pathways().getFirst();
      task = TaskMapping.of(accepted.get(), pathway);
      Instant changed = FhirDates.lastChange(pathway);
      lastUpdated = changed.isAfter(lastUpdated) ? changed : lastUpdated;
    } else {
      task = pending(referral);
      if (referral.status() == ReferralStatus.REJECTED) {
        task.setStatus(Task.TaskStatus.REJECTED);
        task.setStatusReason(FhirCodes.concept(FhirCodes.REFERRAL_REJECTION, "rejected", "Rejected")
            .setText(referral.rejectReason()));
      }
    }
    task.setId(referral.id().toString());
    referral.partnerReference().ifPresent(reference -> task.addIdentifier().setValue(reference));
    task.getMeta().setLastUpdated(Date.from(lastUpdated));
    task.setLastModified(Date.from(lastUpdated));
    task.setAuthoredOn(Date.from(referral.receivedAt()));
    task.setRequester(References.organization(referral.partnerAgencyId()));
    task.setOwner(References.organization(referral.receivingAgencyId()));
    return task;
  }

  /** Requested: the referral as the partner sent it, its ServiceRequest and Patient contained. */
  private static Task pending(Referral referral) {
    Patient patient = new Patient();
    patient.setId("patient");
    patient.addName().setFamily(referral.familyName()).addGiven(referral.givenName());
    patient.setBirthDateElement(FhirDates.dateType(referral.birthDate()));
    if (referral.phone() != null) {
      patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(referral.phone());
    }
    if (referral.medicaidId() != null) {
      patient.addIdentifier().setSystem(FhirCodes.MEDICAID_ID).setValue(referral.medicaidId());
    }
    ServiceRequest request = new ServiceRequest();
    request.setId("request");
    request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    request.addCategory(FhirCodes.sdohCategoryOf(referral.pathwayCode()));
    request.setCode(FhirCodes.concept(FhirCodes.PATHWAY, referral.pathwayCode(), null));
    request.setSubject(new Reference("#patient"));
    request.setAuthoredOnElement(FhirDates.dateTime(referral.receivedAt()));
    Task task = new Task();
    task.addContained(patient);
    task.addContained(request);
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.ORDER);
    task.setCode(FhirCodes.concept(FhirCodes.TASK_CODE, "fulfill", "Fulfill the focal request"));
    task.setFocus(new Reference("#request"));
    task.setFor(new Reference("#patient"));
    if (referral.note() != null) {
      task.addNote(new Annotation().setText(referral.note()));
    }
    return task;
  }

  private static UUID organization(Reference owner) {
    String reference = owner.getReference();
    if (reference == null || !reference.startsWith("Organization/")) {
      throw new InvalidInput("Task.owner", "must reference the receiving agency: Organization/<agency id>");
    }
    try {
      return UUID.fromString(reference.substring("Organization/".length()));
    } catch (IllegalArgumentException notAnId) {
      throw new InvalidInput("Task.owner", "must reference the receiving agency: Organization/<agency id>");
    }
  }

  /** The contained resource a local reference (#id) points at. */
  private static <R extends Resource> Optional<R> contained(Task task, Reference reference, Class<R> type) {
    if (type.isInstance(reference.getResource())) {
      return Optional.of(type.cast(reference.getResource()));
    }
    String local = reference.getReference();
    if (local == null || !local.startsWith("#")) {
      return Optional.empty();
    }
    return task.getContained().stream().filter(type::isInstance).map(type::cast)
        .filter(resource -> local.substring(1).equals(resource.getIdElement().getIdPart())
            || local.equals(resource.getId()))
        .findFirst();
  }

  private static String limited(String element, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new InvalidInput(element, "is required");
      }
      return null;
    }
    if (value.length() > max) {
      throw new InvalidInput(element, "must be at most " + max + " characters");
    }
    return value.strip();
  }
}
