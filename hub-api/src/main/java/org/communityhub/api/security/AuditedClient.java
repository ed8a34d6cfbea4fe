package org.communityhub.api.security;

import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Names the client a request concerns when its path does not (a FHIR search by patient, a FHIR resource
 * whose id is a checklist's or a step's): the audit event of the request then carries the client's id.
 */
public final class AuditedClient {

  static final String ATTRIBUTE = AuditedClient.class.getName();

  private AuditedClient() {}

  public static void is(UUID clientId) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(ATTRIBUTE, clientId, RequestAttributes.SCOPE_REQUEST);
    }
  }
}
