package org.communityhub.engine.audit;

import java.time.Instant;
import java.util.UUID;

/** One access: who, what (action, path, object), about which client, when, from where, and the outcome. */
public record AuditEvent(Long id, Instant at, UUID userId, String username, String role, UUID agencyId,
    String action, String path, String objectType, String objectId, UUID clientId, int status,
    String outcome, String remoteAddr) {}
