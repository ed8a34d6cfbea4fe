package org.communityhub.api.fhir;

import java.util.Date;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.pathways.PathwayDescriptor;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/** A pathway as the service requested for the client: what is asked for (its code), why (the risk factor), by when. */
final class ServiceRequestMapping {

  private ServiceRequestMapping() {}

  static ServiceRequest of(ClientRecord record, Pathway pathway) {
    PathwayDescriptor descriptor = record.descriptorOf(pathway);
    ServiceRequest request = new ServiceRequest();
    request.setId(pathway.id().toString());
    request.getMeta().setLastUpdated(Date.from(FhirDates.lastChange(pathway)));
    request.setStatus(switch (pathway.status()) {
      case ACTIVE -> ServiceRequest.ServiceRequestStatus.ACTIVE;
      case COMPLETED -> ServiceRequest.ServiceRequestStatus.COMPLETED;
      case FINISHED_INCOMPLETE -> ServiceRequest.ServiceRequestStatus.REVOKED;
    });
    request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    request.addCategory(FhirCodes.sdohCategoryOf(pathway.code()));
    request.setCode(FhirCodes.concept(FhirCodes.PATHWAY, pathway.code(), descriptor.name())
        .setText(pathway.typeCode() == null ? descriptor.name() : descriptor.name() + " (" + pathway.typeCode() + ")"));
    request.setSubject(References.patient(pathway.clientId()));
    Period occurrence = new Period().setStartElement(FhirDates.dateTime(pathway.openedOn()));
    if (pathway.dueDate() != null) {
      occurrence.setEndElement(FhirDates.dateTime(pathway.dueDate()));
    }
    request.setOccurrence(occurrence);
    request.setAuthoredOnElement(FhirDates.dateTime(pathway.openedAt()));
    request.setRequester(References.organization(pathway.agencyId()));
    request.addPerformer(References.organization(pathway.agencyId()));
    ConditionMapping.riskFactor(record, pathway.code())
        .ifPresentOrElse(factor -> request.addReasonReference(new Reference("Condition/" + factor.id())),
            () -> request.addReasonCode(FhirCodes.concept(FhirCodes.RISK_FACTOR, pathway.code(), null)
                .setText(ConditionMapping.readable(pathway.code()))));
    return request;
  }
}
