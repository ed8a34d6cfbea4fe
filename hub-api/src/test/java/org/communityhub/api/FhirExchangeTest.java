package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FHIR read API over HTTP: every resource kind of a client's record (a checklist, a completed pathway,
 * a pathway finished incomplete, their steps) validates against base FHIR R4 with HAPI's validator with
 * zero errors, carries the SDOH Clinical Care IG's required elements (FHIRPath, docs/fhir.md), and is read
 * in scope: another agency's client is not found, funders are refused, every read is audited.
 */
@SharedRunningHub
class FhirExchangeTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String SDOHCC = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
  private static final String[] KINDS = {"Condition", "Goal", "QuestionnaireResponse", "ServiceRequest", "Task"};

  static RunningHub hub;
  static FhirValidator validator;
  static String client;
  static String housing;
  static String food;
  static String chwOfAnotherAgency;
  static String funder;

  @BeforeAll
  static void aClientWithACompletedAndAFailedPathway() {
    ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
        new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
    validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(support));

    client = hub.register(Personas.foodInsecureClient());
    RunningHub.Response checklist = hub.post("/clients/" + client + "/checklists",
        Personas.initialChecklist(Map.of("food_insecure", "yes", "housing_status", "UNSTABLE")));
    assertThat(checklist.status()).as(checklist.toString()).isEqualTo(201);
    housing = hub.open(client, "HOUSING", Map.of());
    hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    hub.step(housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    food = hub.open(client, "FOOD_SECURITY", Map.of());
    hub.step(food, "FOOD_NEEDS_ASSESSED", TODAY, Map.of(), null);
    RunningHub.Response closed = hub.post("/pathways/" + food + "/close", Map.of("reason", "UNABLE_TO_LOCATE"),
        RunningHub.newKey());
    assertThat(closed.status()).as(closed.toString()).isEqualTo(202);
    hub.awaitStatus(housing, "COMPLETED");
    hub.awaitStatus(food, "FINISHED_INCOMPLETE");

    String otherAgency = hub.createAgency("Westside Care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    chwOfAnotherAgency = hub.createMemberAndLogin("chw-west-" + Personas.unique(), "CHW", otherAgency);
    String payer = ContractFixtures.newPayer(hub);
    funder = hub.createMemberAndLogin("funder-" + Personas.unique(), "FUNDER",
        hub.createAgency("Health plan " + payer, "PAYER", payer));
  }

  @Test
  void everyResourceOfTheRecordValidatesAgainstBaseR4WithZeroErrors() {
    List<Resource> read = new ArrayList<>();
    read.add(fhir("/fhir/Patient/" + client));
    for (String kind : KINDS) {
      Bundle bundle = (Bundle) fhir("/fhir/" + kind + "?patient=Patient/" + client);
      read.add(bundle);
      assertThat(bundle.getEntry()).as(kind).isNotEmpty();
      bundle.getEntry().forEach(entry -> read.add(fhir("/fhir/" + kind + "/" + entry.getResource().getIdPart())));
    }
    assertThat(read).extracting(Resource::fhirType).contains("Patient", "Bundle", "Condition", "Goal",
        "QuestionnaireResponse", "ServiceRequest", "Task");

    for (Resource resource : read) {
      String json = FHIR.newJsonParser().encodeResourceToString(resource);
      List<SingleValidationMessage> errors = validator.validateWithResult(json).getMessages().stream()
          .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
          .toList();
      assertThat(errors).as("%s/%s: %s", resource.fhirType(), resource.getIdPart(), json).isEmpty();
    }
  }

  @Test
  void theTasksFollowThePathways() {
    Resource completed = fhir("/fhir/Task/" + housing);
    assertThat(first(completed, "Task.status")).isEqualTo("completed");
    assertThat(first(completed, "Task.output.value.resolve().ofType(Procedure).status")).isEqualTo("completed");
    assertThat(first(completed, "Task.output.value.resolve().ofType(Procedure).code.coding.code")).isEqualTo("MOVED_IN");

    Resource failed = fhir("/fhir/Task/" + food);
    assertThat(first(failed, "Task.status")).isEqualTo("failed");
    assertThat(first(failed, "Task.statusReason.coding.code")).isEqualTo("UNABLE_TO_LOCATE");

    Bundle tasks = (Bundle) fhir("/fhir/Task?patient=" + client);
    List<Resource> stepTasks = tasks.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(task -> !eval(task, "Task.partOf").isEmpty()).toList();
    assertThat(stepTasks).hasSize(4).allSatisfy(step -> assertThat(first(step, "Task.status")).isEqualTo("completed"));
    assertThat(stepTasks).extracting(step -> first(step, "Task.partOf.reference"))
        .containsOnly("Task/" + housing, "Task/" + food);
    Resource stepTask = fhir("/fhir/Task/" + stepTasks.getFirst().getIdPart());
    assertThat(first(stepTask, "Task.code.coding.code")).isEqualTo("APPLICATION_SUBMITTED");

    assertThat(first(fhir("/fhir/Goal/" + housing), "Goal.achievementStatus.coding.code")).isEqualTo("achieved");
    assertThat(first(fhir("/fhir/Goal/" + food), "Goal.lifecycleStatus")).isEqualTo("cancelled");
    assertThat(first(fhir("/fhir/ServiceRequest/" + food), "ServiceRequest.status")).isEqualTo("revoked");
  }

  /** The SDOH Clinical Care IG's required elements, as docs/fhir.md lists them. */
  @Test
  void theResourcesCarryTheSdohClinicalCareGuidesRequiredElements() {
    Bundle conditions = (Bundle) fhir("/fhir/Condition?patient=" + client);
    assertThat(conditions.getEntry()).hasSize(2);
    for (var entry : conditions.getEntry()) {
      Resource condition = entry.getResource();
      assertThat(eval(condition, "Condition.category.coding.where(code = 'health-concern').exists()")).containsExactly("true");
      assertThat(eval(condition, "Condition.category.coding.where(system = '" + SDOHCC + "').exists()")).containsExactly("true");
      assertThat(eval(condition, "Condition.clinicalStatus.exists() and Condition.verificationStatus.exists()"
          + " and Condition.code.exists() and Condition.subject.exists() and Condition.onset.exists()"))
          .containsExactly("true");
      assertThat(first(condition, "Condition.subject.reference")).isEqualTo("Patient/" + client);
    }
    assertThat(conditions.getEntry()).extracting(entry -> first(entry.getResource(),
            "Condition.category.coding.where(system = '" + SDOHCC + "').code"))
        .containsExactlyInAnyOrder("food-insecurity", "housing-instability");
    assertThat(conditions.getEntry()).extracting(entry -> first(entry.getResource(), "Condition.clinicalStatus.coding.code"))
        .containsExactlyInAnyOrder("resolved", "active");

    for (String pathway : List.of(housing, food)) {
      Resource request = fhir("/fhir/ServiceRequest/" + pathway);
      assertThat(eval(request, "ServiceRequest.status.exists() and ServiceRequest.intent = 'order'"
          + " and ServiceRequest.category.coding.where(system = '" + SDOHCC + "').exists()"
          + " and ServiceRequest.code.exists() and ServiceRequest.subject.exists() and ServiceRequest.authoredOn.exists()"
          + " and ServiceRequest.requester.exists() and ServiceRequest.reasonReference.exists()"))
          .containsExactly("true");

      Resource task = fhir("/fhir/Task/" + pathway);
      assertThat(first(task, "Task.intent")).isEqualTo("order");
      assertThat(first(task, "Task.code.coding.where(system = 'http://hl7.org/fhir/CodeSystem/task-code').code"))
          .isEqualTo("fulfill");
      assertThat(first(task, "Task.focus.reference")).isEqualTo("ServiceRequest/" + pathway);
      assertThat(first(task, "Task.for.reference")).isEqualTo("Patient/" + client);
      assertThat(eval(task, "Task.owner.exists() and Task.requester.exists() and Task.authoredOn.exists()"))
          .containsExactly("true");
      assertThat(eval(task, "(Task.status = 'failed' or Task.status = 'cancelled') implies Task.statusReason.exists()"))
          .containsExactly("true");
      assertThat(eval(task, "Task.status = 'completed' implies Task.output.exists()")).containsExactly("true");

      Resource goal = fhir("/fhir/Goal/" + pathway);
      assertThat(eval(goal, "Goal.lifecycleStatus.exists() and Goal.achievementStatus.exists()"
          + " and Goal.category.coding.where(system = '" + SDOHCC + "').exists() and Goal.description.exists()"
          + " and Goal.subject.exists() and Goal.addresses.exists()"))
          .containsExactly("true");
    }

    Resource response = ((Bundle) fhir("/fhir/QuestionnaireResponse?patient=" + client)).getEntryFirstRep().getResource();
    assertThat(eval(response, "QuestionnaireResponse.status = 'completed' and QuestionnaireResponse.subject.exists()"
        + " and QuestionnaireResponse.authored.exists() and QuestionnaireResponse.questionnaire.exists()"
        + " and QuestionnaireResponse.item.where(linkId = 'food_insecure').answer.value = true"))
        .containsExactly("true");
  }

  @Test
  void searchesPollByLastUpdated() {
    String later = Instant.now().plusSeconds(3600).toString();
    assertThat(((Bundle) fhir("/fhir/Task?patient=" + client + "&_lastUpdated=gt" + later)).getEntry()).isEmpty();
    assertThat(((Bundle) fhir("/fhir/Task?patient=" + client + "&_lastUpdated=ge" + TODAY.minusDays(1)))
        .getEntry()).hasSize(6);

    RunningHub.Response badPrefix = hub.get("/fhir/Task?patient=" + client + "&_lastUpdated=lt" + TODAY);
    assertThat(badPrefix.status()).isEqualTo(422);
    assertThat(badPrefix.contentType()).startsWith("application/problem+json");
    assertThat(badPrefix.json().path("errors").get(0).path("field").asText()).isEqualTo("_lastUpdated");
    RunningHub.Response noPatient = hub.get("/fhir/Goal?patient=somebody");
    assertThat(noPatient.status()).isEqualTo(422);
    assertThat(noPatient.json().path("errors").get(0).path("field").asText()).isEqualTo("patient");
  }

  @Test
  void anotherAgencysClientIsNotFoundAndFundersAreRefused() {
    for (String path : List.of("/fhir/Patient/" + client, "/fhir/Task/" + housing, "/fhir/Goal?patient=" + client,
        "/fhir/ServiceRequest/" + food)) {
      RunningHub.Response hidden = hub.as(chwOfAnotherAgency, () -> hub.get(path));
      assertThat(hidden.status()).as(path).isEqualTo(404);
      assertThat(hidden.contentType()).startsWith("application/problem+json");
      assertThat(hidden.body()).doesNotContain(Personas.class.getSimpleName()).doesNotContain("Carter");
      assertThat(hub.as(funder, () -> hub.get(path)).status()).as(path).isEqualTo(403);
    }
  }

  @Test
  void everyReadIsAuditedWithTheClientItConcerns() {
    fhir("/fhir/Condition?patient=" + client);
    Long audited = hub.jdbc().sql("""
            select count(*) from audit_event
             where path = '/fhir/Condition' and object_type = 'FHIR_Condition' and client_id = ? and status = 200""")
        .param(java.util.UUID.fromString(client)).query(Long.class).single();
    assertThat(audited).isPositive();
    hub.as(chwOfAnotherAgency, () -> hub.get("/fhir/Patient/" + client));
    Long denied = hub.jdbc().sql("""
            select count(*) from audit_event
             where path = ? and object_type = 'FHIR_Patient' and client_id = ? and outcome = 'DENIED'""")
        .params("/fhir/Patient/" + client, java.util.UUID.fromString(client)).query(Long.class).single();
    assertThat(denied).isPositive();
  }

  private static Resource fhir(String path) {
    RunningHub.Response response = hub.get(path);
    assertThat(response.status()).as(path + " " + response).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/fhir+json");
    return (Resource) FHIR.newJsonParser().parseResource(response.body());
  }

  private static List<String> eval(IBase resource, String expression) {
    IFhirPath path = FHIR.newFhirPath();
    return path.evaluate(resource, expression, IBase.class).stream().map(value -> value instanceof
        org.hl7.fhir.r4.model.PrimitiveType<?> primitive ? primitive.getValueAsString() : value.toString()).toList();
  }

  private static String first(IBase resource, String expression) {
    List<String> values = eval(resource, expression);
    assertThat(values).as(expression).isNotEmpty();
    return values.getFirst();
  }
}
