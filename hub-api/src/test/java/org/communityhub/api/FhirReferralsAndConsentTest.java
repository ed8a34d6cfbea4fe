package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partners over FHIR: a referral posted as a Task waits for the receiving agency, which accepts it (through
 * the registry's duplicate check) or rejects it with a reason, and the partner's Task follows the pathway;
 * bad FHIR is refused naming the element and writes nothing; a partner reads a client's record only with
 * the client's active consent, the substance use data only when the consent names it.
 */
@SharedRunningHub
class FhirReferralsAndConsentTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String PATHWAY = "http://communityhub.org/fhir/CodeSystem/pathway";

  static RunningHub hub;
  static FhirValidator validator;
  static String partnerAgency;
  static String partner;
  static String otherPartner;
  static String supervisor;
  static String supervisorOfAnotherAgency;

  @BeforeAll
  static void aPartnerAndTheReceivingAgencysSupervisor() {
    validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
        new DefaultProfileValidationSupport(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
        new CommonCodeSystemsTerminologyService(FHIR))));
    partnerAgency = hub.createAgency("Riverside Health " + Personas.unique(), "PARTNER", null);
    partner = hub.createMemberAndLogin("ehr-" + Personas.unique(), "PARTNER", partnerAgency);
    otherPartner = hub.createMemberAndLogin("ehr-other-" + Personas.unique(), "PARTNER",
        hub.createAgency("Lakeside Clinic " + Personas.unique(), "PARTNER", null));
    supervisor = hub.createMemberAndLogin("sup-" + Personas.unique(), "SUPERVISOR", RunningHub.DEFAULT_AGENCY);
    supervisorOfAnotherAgency = hub.createMemberAndLogin("sup-north-" + Personas.unique(), "SUPERVISOR",
        hub.createAgency("Northside Care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null));
  }

  @Test
  void anAcceptedReferralsTaskFollowsItsPathwayToCompletion() {
    Map<String, Object> person = Personas.foodInsecureClient();
    RunningHub.Response posted = hub.as(partner, () -> hub.post("/fhir/Task", referral(person, "HOUSING")));
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    assertThat(posted.contentType()).startsWith("application/fhir+json");
    Task requested = valid(posted.body());
    assertThat(requested.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    String referral = requested.getIdPart();
    assertThat(posted.headers().get("location")).isEqualTo("/fhir/Task/" + referral);

    JsonNode pending = hub.as(supervisor, () -> hub.get("/referrals")).json();
    assertThat(pending.findValuesAsText("id")).contains(referral);
    assertThat(hub.as(supervisorOfAnotherAgency, () -> hub.get("/referrals")).json().findValuesAsText("id"))
        .doesNotContain(referral);
    assertThat(hub.as(supervisorOfAnotherAgency, () -> hub.post("/referrals/" + referral + "/accept", Map.of()))
        .status()).isEqualTo(404);

    RunningHub.Response accepted = hub.as(supervisor, () -> hub.post("/referrals/" + referral + "/accept", Map.of()));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    String pathway = accepted.json().path("pathwayId").asText();
    assertThat(accepted.json().path("status").asText()).isEqualTo("ACCEPTED");
    assertThat(hub.get("/pathways/" + pathway).json().path("pathwayCode").asText()).isEqualTo("HOUSING");
    assertThat(partnersTask(referral).getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
    assertThat(hub.as(supervisor, () -> hub.post("/referrals/" + referral + "/accept", Map.of())).status())
        .isEqualTo(409);

    hub.step(pathway, "APPLICATION_SUBMITTED", TODAY.minusDays(3), Map.of(), null);
    assertThat(partnersTask(referral).getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
    hub.step(pathway, "HOUSING_SECURED", TODAY.minusDays(1), Map.of(), null);
    hub.step(pathway, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.awaitStatus(pathway, "COMPLETED");
    Task completed = partnersTask(referral);
    assertThat(completed.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(completed.getIdentifierFirstRep().getValue()).isEqualTo("ehr-task-" + person.get("familyName"));
    assertThat(completed.getContained()).singleElement().isInstanceOfSatisfying(Procedure.class,
        procedure -> assertThat(procedure.getCode().getCodingFirstRep().getCode()).isEqualTo("MOVED_IN"));

    // The referral gives the partner the closed loop, not the client's record: that takes a consent.
    String client = accepted.json().path("clientId").asText();
    assertThat(hub.as(partner, () -> hub.get("/fhir/Patient/" + client)).status()).isEqualTo(404);
    assertThat(hub.as(otherPartner, () -> hub.get("/fhir/Task/" + referral)).status()).isEqualTo(404);
  }

  @Test
  void theSameTaskIdentifierAgainIsTheSameReferral() {
    Map<String, Object> body = referral(Personas.foodInsecureClient(), "FOOD_SECURITY");
    String first = hub.as(partner, () -> hub.post("/fhir/Task", body)).json().path("id").asText();
    RunningHub.Response again = hub.as(partner, () -> hub.post("/fhir/Task", body));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("id").asText()).isEqualTo(first);
  }

  @Test
  void acceptingChecksTheRegistryForTheSamePersonAsRegistrationDoes() {
    Map<String, Object> person = Personas.foodInsecureClient();
    String existing = hub.register(new LinkedHashMap<>(person));
    Map<String, Object> samePersonOtherIds = new LinkedHashMap<>(person);
    samePersonOtherIds.remove("medicaidId");
    String referral = postReferral(samePersonOtherIds, "FOOD_SECURITY");

    RunningHub.Response duplicate = hub.as(supervisor, () -> hub.post("/referrals/" + referral + "/accept", Map.of()));
    assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
    assertThat(duplicate.body()).contains(existing);
    assertThat(hub.as(supervisor, () -> hub.get("/referrals")).json().findValuesAsText("id")).contains(referral);

    RunningHub.Response sameClient = hub.as(supervisor,
        () -> hub.post("/referrals/" + referral + "/accept", Map.of("clientId", existing)));
    assertThat(sameClient.status()).as(sameClient.toString()).isEqualTo(200);
    assertThat(sameClient.json().path("clientId").asText()).isEqualTo(existing);
  }

  @Test
  void aRejectedReferralTellsThePartnerWhy() {
    String referral = postReferral(Personas.foodInsecureClient(), "FOOD_SECURITY");
    assertThat(hub.as(supervisor, () -> hub.post("/referrals/" + referral + "/reject", Map.of())).status())
        .isEqualTo(400);
    RunningHub.Response rejected = hub.as(supervisor, () -> hub.post("/referrals/" + referral + "/reject",
        Map.of("reason", "The client lives outside our service area")));
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);

    Task task = partnersTask(referral);
    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REJECTED);
    assertThat(task.getStatusReason().getText()).isEqualTo("The client lives outside our service area");
    assertThat(hub.as(supervisor, () -> hub.post("/referrals/" + referral + "/accept", Map.of())).status())
        .isEqualTo(409);
  }

  @Test
  void badFhirIsRefusedNamingTheElementAndWritesNothing() {
    Map<String, Object> person = Personas.foodInsecureClient();
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("Task.owner", json(withoutKey(referral(person, "HOUSING"), "owner")));
    cases.put("Task.status", json(with(referral(person, "HOUSING"), "status", "completed")));
    cases.put("Task.for", json(withoutKey(referral(person, "HOUSING"), "for")));
    cases.put("ServiceRequest.code", json(referral(person, "NO_SUCH_PATHWAY")));
    cases.put("Patient.birthDate", json(referral(withoutKey(person, "birthDate"), "HOUSING")));
    cases.put("resourceType", "{\"resourceType\": \"Patient\"}");
    cases.put("body", "{\"resourceType\": \"Task\", \"status\": ");
    long before = referralsOfThePartner();
    cases.forEach((element, body) -> {
      RunningHub.Response refused = hub.as(partner, () -> hub.postRaw("/fhir/Task", body,
          Map.of("Content-Type", "application/fhir+json")));
      assertThat(refused.status()).as(element + ": " + refused).isBetween(400, 422);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().path("errors").get(0).path("field").asText()).as(refused.toString()).isEqualTo(element);
    });
    assertThat(referralsOfThePartner()).isEqualTo(before);
    assertThat(hub.post("/fhir/Task", referral(person, "HOUSING")).status()).as("a CHW does not refer").isEqualTo(403);
  }

  @Test
  void aPartnerReadsAClientOnlyWithAnActiveConsentAndSubstanceUseOnlyWhenItIsNamed() {
    String client = hub.register(Personas.foodInsecureClient());
    hub.post("/clients/" + client + "/checklists",
        Personas.initialChecklist(Map.of("food_insecure", "yes", "substance_use_concern", "yes")));
    String food = hub.open(client, "FOOD_SECURITY", Map.of());
    String substance = hub.open(client, "SUBSTANCE_USE", Map.of());
    assertThat(hub.as(partner, () -> hub.get("/fhir/Patient/" + client)).status()).isEqualTo(404);

    RunningHub.Response consent = hub.post("/clients/" + client + "/consents", Map.of("partnerAgencyId", partnerAgency,
        "categories", List.of("SOCIAL_CARE"), "validFrom", TODAY.toString()));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    assertThat(hub.as(partner, () -> hub.get("/fhir/Patient/" + client)).status()).isEqualTo(200);
    assertThat(hub.as(otherPartner, () -> hub.get("/fhir/Patient/" + client)).status()).isEqualTo(404);
    assertThat(partnersCodes("/fhir/Condition?patient=" + client)).containsExactly("FOOD_SECURITY");
    assertThat(partnersCodes("/fhir/ServiceRequest?patient=" + client)).containsExactly("FOOD_SECURITY");
    assertThat(hub.as(partner, () -> hub.get("/fhir/Task/" + substance)).status()).isEqualTo(404);
    assertThat(hub.as(partner, () -> hub.get("/fhir/Task/" + food)).status()).isEqualTo(200);
    String answers = hub.as(partner, () -> hub.get("/fhir/QuestionnaireResponse?patient=" + client)).body();
    assertThat(answers).contains("food_insecure").doesNotContain("substance_use_concern");
    for (String kind : List.of("Condition", "Goal", "QuestionnaireResponse", "ServiceRequest", "Task")) {
      valid(hub.as(partner, () -> hub.get("/fhir/" + kind + "?patient=" + client)).body());
    }

    RunningHub.Response withSubstanceUse = hub.post("/clients/" + client + "/consents", Map.of(
        "partnerAgencyId", partnerAgency, "categories", List.of("SOCIAL_CARE", "SUBSTANCE_USE"),
        "validFrom", TODAY.toString(), "validTo", TODAY.plusMonths(6).toString()));
    assertThat(withSubstanceUse.status()).isEqualTo(201);
    assertThat(partnersCodes("/fhir/Condition?patient=" + client)).containsExactlyInAnyOrder("FOOD_SECURITY", "SUBSTANCE_USE");
    assertThat(hub.as(partner, () -> hub.get("/fhir/Task/" + substance)).status()).isEqualTo(200);

    for (String id : List.of(consent.json().path("id").asText(), withSubstanceUse.json().path("id").asText())) {
      RunningHub.Response revoked = hub.post("/clients/" + client + "/consents/" + id + "/revoke",
          Map.of("reason", "The client withdrew consent"));
      assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
      assertThat(revoked.json().path("active").asBoolean()).isFalse();
    }
    assertThat(hub.as(partner, () -> hub.get("/fhir/Patient/" + client)).status()).isEqualTo(404);
    assertThat(hub.as(partner, () -> hub.get("/fhir/Task?patient=" + client)).status()).isEqualTo(404);
    assertThat(hub.get("/clients/" + client + "/consents").json()).hasSize(2);
  }

  @Test
  void aConsentNamesAPartnerAndSocialCare() {
    String client = hub.register(Personas.foodInsecureClient());
    RunningHub.Response notAPartner = hub.post("/clients/" + client + "/consents", Map.of(
        "partnerAgencyId", RunningHub.DEFAULT_AGENCY, "categories", List.of("SOCIAL_CARE"), "validFrom", TODAY.toString()));
    assertThat(notAPartner.status()).isEqualTo(422);
    assertThat(notAPartner.json().path("errors").get(0).path("field").asText()).isEqualTo("partnerAgencyId");
    RunningHub.Response onlySensitive = hub.post("/clients/" + client + "/consents", Map.of(
        "partnerAgencyId", partnerAgency, "categories", List.of("SUBSTANCE_USE"), "validFrom", TODAY.toString()));
    assertThat(onlySensitive.status()).isEqualTo(422);
    assertThat(onlySensitive.json().path("errors").get(0).path("field").asText()).isEqualTo("categories");
    assertThat(hub.get("/clients/" + client + "/consents").json()).isEmpty();
  }

  /** A referral in the guide's pattern: a Task for a contained Patient, its focus a contained ServiceRequest. */
  static Map<String, Object> referral(Map<String, Object> person, String pathwayCode) {
    Map<String, Object> patient = new LinkedHashMap<>();
    patient.put("resourceType", "Patient");
    patient.put("id", "p1");
    patient.put("name", List.of(Map.of("family", person.get("familyName"), "given", List.of(person.get("givenName")))));
    if (person.containsKey("birthDate")) {
      patient.put("birthDate", person.get("birthDate"));
    }
    patient.put("telecom", List.of(Map.of("system", "phone", "value", person.get("phone"))));
    if (person.containsKey("medicaidId")) {
      patient.put("identifier", List.of(Map.of("system", "http://communityhub.org/fhir/NamingSystem/medicaid-id",
          "value", person.get("medicaidId"))));
    }
    Map<String, Object> request = Map.of("resourceType", "ServiceRequest", "id", "sr1", "status", "active",
        "intent", "order", "code", Map.of("coding", List.of(Map.of("system", PATHWAY, "code", pathwayCode))),
        "subject", Map.of("reference", "#p1"));
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("resourceType", "Task");
    task.put("contained", List.of(patient, request));
    task.put("identifier", List.of(Map.of("system", "urn:ehr:tasks", "value", "ehr-task-" + person.get("familyName"))));
    task.put("status", "requested");
    task.put("intent", "order");
    task.put("code", Map.of("coding", List.of(Map.of("system", "http://hl7.org/fhir/CodeSystem/task-code",
        "code", "fulfill"))));
    task.put("focus", Map.of("reference", "#sr1"));
    task.put("for", Map.of("reference", "#p1"));
    task.put("owner", Map.of("reference", "Organization/" + RunningHub.DEFAULT_AGENCY));
    task.put("note", List.of(Map.of("text", "Evicted last week; two children")));
    return task;
  }

  private static String postReferral(Map<String, Object> person, String pathwayCode) {
    RunningHub.Response posted = hub.as(partner, () -> hub.post("/fhir/Task", referral(person, pathwayCode)));
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    return posted.json().path("id").asText();
  }

  private static Task partnersTask(String referral) {
    RunningHub.Response read = hub.as(partner, () -> hub.get("/fhir/Task/" + referral));
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    return valid(read.body());
  }

  @SuppressWarnings("unchecked")
  private static <R extends org.hl7.fhir.r4.model.Resource> R valid(String json) {
    var errors = validator.validateWithResult(json).getMessages().stream()
        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
    assertThat(errors).as(json).isEmpty();
    return (R) FHIR.newJsonParser().parseResource(json);
  }

  private static List<String> partnersCodes(String search) {
    RunningHub.Response found = hub.as(partner, () -> hub.get(search));
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    Bundle bundle = valid(found.body());
    return bundle.getEntry().stream().map(entry -> switch (entry.getResource()) {
      case org.hl7.fhir.r4.model.Condition condition -> condition.getCode().getCodingFirstRep().getCode();
      case org.hl7.fhir.r4.model.ServiceRequest request -> request.getCode().getCodingFirstRep().getCode();
      default -> entry.getResource().fhirType();
    }).toList();
  }

  private static long referralsOfThePartner() {
    return hub.jdbc().sql("select count(*) from referral where partner_agency_id = ?")
        .param(UUID.fromString(partnerAgency)).query(Long.class).single();
  }

  private static Map<String, Object> withoutKey(Map<String, Object> map, String key) {
    Map<String, Object> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    return copy;
  }

  private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(map);
    copy.put(key, value);
    return copy;
  }

  private static String json(Object body) {
    try {
      return RunningHub.JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
