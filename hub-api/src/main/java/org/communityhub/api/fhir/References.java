package org.communityhub.api.fhir;

import java.util.UUID;
import org.hl7.fhir.r4.model.Reference;

/** References between the resources, by the HUB's ids. */
final class References {

  private References() {}

  static Reference patient(UUID clientId) {
    return new Reference("Patient/" + clientId);
  }

  /** An agency (the HUB, a care coordination agency, a partner): the HUB serves no Organization yet. */
  static Reference organization(UUID agencyId) {
    return new Reference("Organization/" + agencyId);
  }

  static Reference serviceRequest(UUID pathwayId) {
    return new Reference("ServiceRequest/" + pathwayId);
  }

  static Reference task(UUID pathwayId) {
    return new Reference("Task/" + pathwayId);
  }
}
