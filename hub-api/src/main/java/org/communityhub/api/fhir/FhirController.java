package org.communityhub.api.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.hl7.fhir.r4.model.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The FHIR R4 read API (docs/fhir.md): each resource by its id, and searches by patient and
 * {@code _lastUpdated} answering a searchset Bundle. Answers are application/fhir+json; refusals are
 * application/problem+json like everywhere else in the API.
 */
@RestController
class FhirController {

  private static final String PATIENT = "The patient: its id, or a reference Patient/<id>";
  private static final String LAST_UPDATED = "Only resources changed since: ge or gt, then a date or an instant "
      + "with its offset (gt2026-01-31T12:00:00Z)";

  private static final String FHIR_JSON = "application/fhir+json";
  private static final String RESOURCE = "The FHIR R4 resource (JSON), made with HAPI's R4 model";
  private static final String BUNDLE = "A FHIR R4 searchset Bundle of the matching resources";

  private final FhirResources resources;
  private final FhirJson json;
  private final CurrentActor actor;

  FhirController(FhirResources resources, FhirJson json, CurrentActor actor) {
    this.resources = resources;
    this.json = json;
    this.actor = actor;
  }

  @GetMapping("/fhir/Patient/{id}")
  @ApiResponse(responseCode = "200", description = RESOURCE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = RESOURCE)))
  @Operation(summary = "The client as a FHIR Patient")
  ResponseEntity<String> patient(@PathVariable UUID id) {
    return json.answer(resources.patient(id, actor.get()));
  }

  @GetMapping("/fhir/Condition/{id}")
  @ApiResponse(responseCode = "200", description = RESOURCE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = RESOURCE)))
  @Operation(summary = "A risk factor as a FHIR Condition (id: <checklist id>-<risk factor>)")
  ResponseEntity<String> condition(@PathVariable @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9.-]{1,64}") String id) {
    return json.answer(resources.condition(id, actor.get()));
  }

  @GetMapping("/fhir/Condition")
  @ApiResponse(responseCode = "200", description = BUNDLE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = BUNDLE)))
  @Operation(summary = "The patient's risk factors as FHIR Conditions (a searchset Bundle)")
  ResponseEntity<String> conditions(@RequestParam @Parameter(description = PATIENT) @Size(max = 80) String patient,
      @RequestParam(name = "_lastUpdated", required = false) @Parameter(description = LAST_UPDATED) @Size(max = 40)
      String lastUpdated) {
    return json.searchset(resources.conditions(FhirSearch.parse(patient, lastUpdated), actor.get()));
  }

  @GetMapping("/fhir/Goal/{id}")
  @ApiResponse(responseCode = "200", description = RESOURCE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = RESOURCE)))
  @Operation(summary = "A pathway's outcome as a FHIR Goal (id: the pathway's)")
  ResponseEntity<String> goal(@PathVariable UUID id) {
    return json.answer(resources.goal(id, actor.get()));
  }

  @GetMapping("/fhir/Goal")
  @ApiResponse(responseCode = "200", description = BUNDLE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = BUNDLE)))
  @Operation(summary = "The patient's Goals (a searchset Bundle)")
  ResponseEntity<String> goals(@RequestParam @Parameter(description = PATIENT) @Size(max = 80) String patient,
      @RequestParam(name = "_lastUpdated", required = false) @Parameter(description = LAST_UPDATED) @Size(max = 40)
      String lastUpdated) {
    return json.searchset(resources.goals(FhirSearch.parse(patient, lastUpdated), actor.get()));
  }

  @GetMapping("/fhir/QuestionnaireResponse/{id}")
  @ApiResponse(responseCode = "200", description = RESOURCE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = RESOURCE)))
  @Operation(summary = "A checklist as a FHIR QuestionnaireResponse (id: the checklist's)")
  ResponseEntity<String> questionnaireResponse(@PathVariable UUID id) {
    return json.answer(resources.questionnaireResponse(id, actor.get()));
  }

  @GetMapping("/fhir/QuestionnaireResponse")
  @ApiResponse(responseCode = "200", description = BUNDLE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = BUNDLE)))
  @Operation(summary = "The patient's checklists as FHIR QuestionnaireResponses (a searchset Bundle)")
  ResponseEntity<String> questionnaireResponses(
      @RequestParam @Parameter(description = PATIENT) @Size(max = 80) String patient,
      @RequestParam(name = "_lastUpdated", required = false) @Parameter(description = LAST_UPDATED) @Size(max = 40)
      String lastUpdated) {
    return json.searchset(resources.questionnaireResponses(FhirSearch.parse(patient, lastUpdated), actor.get()));
  }

  @GetMapping("/fhir/ServiceRequest/{id}")
  @ApiResponse(responseCode = "200", description = RESOURCE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = RESOURCE)))
  @Operation(summary = "A pathway as a FHIR ServiceRequest (id: the pathway's)")
  ResponseEntity<String> serviceRequest(@PathVariable UUID id) {
    return json.answer(resources.serviceRequest(id, actor.get()));
  }

  @GetMapping("/fhir/ServiceRequest")
  @ApiResponse(responseCode = "200", description = BUNDLE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = BUNDLE)))
  @Operation(summary = "The patient's pathways as FHIR ServiceRequests (a searchset Bundle)")
  ResponseEntity<String> serviceRequests(@RequestParam @Parameter(description = PATIENT) @Size(max = 80) String patient,
      @RequestParam(name = "_lastUpdated", required = false) @Parameter(description = LAST_UPDATED) @Size(max = 40)
      String lastUpdated) {
    return json.searchset(resources.serviceRequests(FhirSearch.parse(patient, lastUpdated), actor.get()));
  }

  @GetMapping("/fhir/Task/{id}")
  @ApiResponse(responseCode = "200", description = RESOURCE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = RESOURCE)))
  @Operation(summary = "A pathway's Task (id: the pathway's) or a step's Task (id: the step's, partOf the pathway's)")
  ResponseEntity<String> task(@PathVariable UUID id) {
    return json.answer(resources.task(id, actor.get()));
  }

  /**
   * A partner's referral: a Task (status requested, intent order, owner Organization/<receiving agency id>)
   * with its ServiceRequest (code: a HUB pathway) and Patient contained. The same Task.identifier again
   * answers the referral already stored.
   */
  @PostMapping(path = "/fhir/Task", consumes = {FHIR_JSON, MediaType.APPLICATION_JSON_VALUE})
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "A partner refers a person: a Task with its ServiceRequest and Patient contained")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = "A FHIR R4 Task")))
  @ApiResponse(responseCode = "201", description = RESOURCE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = RESOURCE)))
  ResponseEntity<String> refer(@RequestBody String body) {
    Task task = json.read(body, Task.class);
    Task stored = resources.refer(task, actor.get());
    return json.created("/fhir/Task/" + stored.getIdPart(), stored);
  }

  @GetMapping("/fhir/Task")
  @ApiResponse(responseCode = "200", description = BUNDLE, content = @Content(mediaType = FHIR_JSON,
      schema = @Schema(type = "object", description = BUNDLE)))
  @Operation(summary = "The patient's pathway and step Tasks (a searchset Bundle)")
  ResponseEntity<String> tasks(@RequestParam @Parameter(description = PATIENT) @Size(max = 80) String patient,
      @RequestParam(name = "_lastUpdated", required = false) @Parameter(description = LAST_UPDATED) @Size(max = 40)
      String lastUpdated) {
    return json.searchset(resources.tasks(FhirSearch.parse(patient, lastUpdated), actor.get()));
  }
}
