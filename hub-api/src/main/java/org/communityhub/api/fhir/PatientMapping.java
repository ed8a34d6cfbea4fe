package org.communityhub.api.fhir;

import java.util.Date;

import org.communityhub.engine.registry.Client;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/** The registry's client as a Patient; a record merged away points at its survivor (link replaced-by). */
final class PatientMapping {

  private PatientMapping() {}

  static Patient of(Client client) {
    Patient patient = new Patient();
    patient.setId(client.id().toString());
    patient.getMeta().setLastUpdated(Date.from(client.createdAt()));
    patient.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(FhirCodes.CLIENT_ID)
        .setValue(client.id().toString());
    if (client.medicaidId() != null) {
      patient.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY).setSystem(FhirCodes.MEDICAID_ID)
          .setValue(client.medicaidId());
    }
    patient.setActive(client.mergedInto().isEmpty());
    patient.addName().setFamily(client.familyName()).addGiven(client.givenName());
    if (client.phone() != null) {
      patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(client.phone());
    }
    patient.setBirthDateElement(FhirDates.dateType(client.birthDate()));
    patient.setManagingOrganization(References.organization(client.agencyId()));
    client.mergedInto().ifPresent(survivor -> patient.addLink()
        .setType(Patient.LinkType.REPLACEDBY).setOther(new Reference("Patient/" + survivor)));
    return patient;
  }
}
