package org.communityhub.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.audit.AuditEvent;
import org.communityhub.engine.audit.AuditLog;
import org.communityhub.engine.support.HubClock;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes one audit event for every request but health checks and the API description: who (from the
 * token), what (method, path, the client or pathway it concerns), when, from where, and the outcome —
 * allowed, denied (401, 403, 404) or failed. It runs inside the security chain, after the token is read,
 * so that refusals by role are recorded too; a request without a valid token is recorded by the entry point.
 */
@Component
class AuditTrail {

  private static final Pattern OBJECT = Pattern.compile("^(?:/admin)?/(clients|pathways)/([0-9a-fA-F-]{36})(/.*)?$");
  private static final Pattern CREATED_CLIENT = Pattern.compile("^/clients/([0-9a-fA-F-]{36})$");
  private static final Pattern REFERRAL = Pattern.compile("^/referrals/([0-9a-fA-F-]{36})(/.*)?$");
  private static final Pattern FHIR = Pattern.compile("^/fhir/([A-Za-z]{1,40})(?:/([A-Za-z0-9.-]{1,64}))?$");

  private final AuditLog log;
  private final HubClock clock;

  AuditTrail(AuditLog log, HubClock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** The filter the security chain runs; not a bean, so the servlet container does not run it twice. */
  AuditFilter filter() {
    return new AuditFilter();
  }

  /**
   * Holds the answer back until its audit event is written: a caller who has the answer can rely on the
   * access being on record (and a crash between the two cannot lose the record of an answered request).
   */
  final class AuditFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!audited(request)) {
        chain.doFilter(request, response);
        return;
      }
      ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
      try {
        chain.doFilter(request, answer);
      } finally {
        record(request, answer.getStatus(), answer.getHeader("Location"));
        answer.copyBodyToResponse();
      }
    }
  }

  void refusedUnauthenticated(HttpServletRequest request) {
    if (audited(request)) {
      append(request, null, 401, null);
    }
  }

  private void record(HttpServletRequest request, int status, String location) {
    Actor actor = SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication authenticated
        ? authenticated.actor() : null;
    append(request, actor, status, location);
  }

  private void append(HttpServletRequest request, Actor actor, int status, String location) {
    String path = request.getRequestURI();
    String objectType = null;
    String objectId = null;
    UUID clientId = null;
    Matcher object = OBJECT.matcher(path);
    Matcher fhir = FHIR.matcher(path);
    Matcher referral = REFERRAL.matcher(path);
    Matcher created = location == null ? null : CREATED_CLIENT.matcher(location);
    if (object.matches()) {
      objectType = object.group(1).equals("clients") ? "CLIENT" : "PATHWAY";
      objectId = object.group(2);
      UUID id = uuid(objectId);
      clientId = id == null ? null : objectType.equals("CLIENT") ? id : log.clientOfPathway(id).orElse(null);
    } else if (created != null && created.matches()) {
      objectType = "CLIENT";
      objectId = created.group(1);
      clientId = uuid(objectId);
    } else if (fhir.matches()) {
      // A FHIR read names its resource type and id; the controller names the client it concerns.
      objectType = "FHIR_" + fhir.group(1);
      objectId = fhir.group(2);
      if (request.getAttribute(AuditedClient.ATTRIBUTE) instanceof UUID concerned) {
        clientId = concerned;
      }
    } else if (referral.matches()) {
      objectType = "REFERRAL";
      objectId = referral.group(1);
      if (request.getAttribute(AuditedClient.ATTRIBUTE) instanceof UUID concerned) {
        clientId = concerned;
      }
    } else if (path.startsWith("/reports/")) {
      objectType = "REPORT";
      // As asked, but storable: PostgreSQL text cannot hold a NUL, and a refused request is audited too.
      String payer = request.getParameter("payer");
      objectId = payer == null ? null : payer.replace('\u0000', '\uFFFD');
    }
    log.append(new AuditEvent(null, clock.now(),
        actor == null ? null : actor.userId(), actor == null ? null : actor.username(),
        actor == null ? null : actor.role().name(), actor == null ? null : actor.agencyId(),
        request.getMethod(), path, objectType, objectId, clientId, status, outcome(status),
        request.getRemoteAddr()));
  }

  private static String outcome(int status) {
    if (status == 401 || status == 403 || status == 404) {
      return "DENIED";
    }
    return status >= 400 ? "FAILED" : "ALLOWED";
  }

  private static boolean audited(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/actuator/health") && !path.startsWith("/v3/api-docs");
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
