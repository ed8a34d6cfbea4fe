package org.communityhub.api.client;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.checklist.Checklist;
import org.communityhub.engine.checklist.ChecklistScoring;
import org.communityhub.engine.checklist.ChecklistSubmission;
import org.communityhub.engine.registry.Client;
import org.communityhub.engine.registry.ClientAssignment;
import org.communityhub.engine.registry.ClientRegistration;
import org.communityhub.engine.registry.ClientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ClientController {

  private static final String MERGED = "The client record was merged into another (`mergedInto`).";

  private final ClientRegistry registry;
  private final ClientAssignment assignment;
  private final ChecklistScoring checklists;
  private final CurrentActor actor;

  ClientController(ClientRegistry registry, ClientAssignment assignment, ChecklistScoring checklists,
      CurrentActor actor) {
    this.registry = registry;
    this.assignment = assignment;
    this.checklists = checklists;
    this.actor = actor;
  }

  /** A client record; mergedInto names the surviving record when this one was merged away. */
  record ClientView(UUID id, UUID agencyId, UUID assignedUserId, String givenName, String familyName,
      LocalDate birthDate, String phone, String medicaidId, UUID payerId, String duplicateOverrideReason,
      UUID mergedInto, Instant createdAt) {

    static ClientView of(Client client) {
      return new ClientView(client.id(), client.agencyId(), client.assignedUserId(), client.givenName(),
          client.familyName(), client.birthDate(), client.phone(), client.medicaidId(), client.payerId(),
          client.duplicateOverrideReason(), client.mergedInto().orElse(null), client.createdAt());
    }
  }

  /** A scored checklist, the version of the checklist it answered, and the risk factors its answers signal. */
  record ChecklistView(UUID id, UUID clientId, String kind, Integer definitionVersion, int score, String tier,
      List<String> riskFactors, List<Checklist.Recommendation> recommendations, String rulePackageVersion,
      Instant submittedAt) {

    static ChecklistView of(Checklist checklist, List<String> riskFactors) {
      return new ChecklistView(checklist.id(), checklist.clientId(), checklist.kind(),
          checklist.definitionVersion(), checklist.score(), checklist.tier(), riskFactors,
          checklist.recommendations(), checklist.rulePackageVersion(), checklist.submittedAt());
    }
  }

  @PostMapping("/clients")
  @ApiResponse(responseCode = "409", description = """
      A probable duplicate (overridable with duplicateOverrideReason) or a registered Medicaid id: `candidates` \
      lists the records the caller may see, `enrolledWith` the other agencies to coordinate with.""")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<ClientView> register(@Valid @RequestBody ClientRegistration registration) {
    Client client = registry.register(registration, actor.get());
    return ResponseEntity.created(URI.create("/clients/" + client.id())).body(ClientView.of(client));
  }

  @GetMapping("/clients/{clientId}")
  ClientView find(@PathVariable UUID clientId) {
    return ClientView.of(registry.find(clientId, actor.get()));
  }

  /** A supervisor hands the client to another CHW of the agency. */
  @PostMapping("/clients/{clientId}/assignment")
  @ApiResponse(responseCode = "409", description = MERGED)
  ClientView assign(@PathVariable UUID clientId, @Valid @RequestBody ClientAssignment.Assignment request) {
    return ClientView.of(assignment.assign(clientId, request, actor.get()));
  }

  @PostMapping("/clients/{clientId}/checklists")
  @ApiResponse(responseCode = "409", description = MERGED)
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<ChecklistView> submitChecklist(@PathVariable UUID clientId,
      @Valid @RequestBody ChecklistSubmission submission) {
    Checklist checklist = checklists.submit(clientId, submission, actor.get());
    return ResponseEntity.created(URI.create("/clients/" + clientId + "/checklists/" + checklist.id()))
        .body(ChecklistView.of(checklist, checklists.signalledRiskFactors(checklist)));
  }
}
