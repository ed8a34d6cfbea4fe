package org.communityhub.api.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.agency.Agency;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.agency.StaffMember;
import org.communityhub.engine.audit.AuditEvent;
import org.communityhub.engine.audit.AuditLog;
import org.communityhub.engine.support.NotFound;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StaffAdminController {

  private final Staff staff;
  private final AuditLog audit;

  StaffAdminController(Staff staff, AuditLog audit) {
    this.staff = staff;
    this.audit = audit;
  }

  @PostMapping("/admin/agencies")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Agency> createAgency(@Valid @RequestBody Staff.NewAgency request) {
    Agency agency = staff.createAgency(request);
    return ResponseEntity.created(URI.create("/admin/agencies/" + agency.id())).body(agency);
  }

  @GetMapping("/admin/agencies/{agencyId}")
  Agency agency(@PathVariable UUID agencyId) {
    return staff.agency(agencyId).orElseThrow(() -> new NotFound("Agency", agencyId));
  }

  @PostMapping("/admin/users")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<StaffMember> createUser(@Valid @RequestBody Staff.NewMember request) {
    StaffMember member = staff.createMember(request);
    return ResponseEntity.created(URI.create("/admin/users/" + member.id())).body(member);
  }

  @GetMapping("/admin/users")
  List<StaffMember> users() {
    return staff.members();
  }

  record Deactivation(UUID reassignTo) {}

  /** The member's tokens stop working at once; their clients go to {@code reassignTo}. */
  @PostMapping("/admin/users/{userId}/deactivate")
  StaffMember deactivate(@PathVariable UUID userId, @RequestBody(required = false) Deactivation request) {
    return staff.deactivate(userId, request == null ? null : request.reassignTo());
  }

  @GetMapping("/admin/audit")
  List<AuditEvent> audit(@RequestParam(required = false) UUID clientId,
      @RequestParam(required = false) UUID userId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
    return audit.find(new AuditLog.Query(clientId, userId, from, to, limit));
  }
}
