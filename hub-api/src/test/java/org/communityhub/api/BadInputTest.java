package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input is answered with a 4xx application/problem+json naming the field and the reason, and writes
 * nothing: every test compares the row counts of the HUB's tables before and after, counting the rows of an
 * agency of the class's own (other classes work in the same database).
 */
@SharedRunningHub
class BadInputTest {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/New_York"));
  /** The HUB's tables, each with a query counting the rows of one agency. */
  private static final Map<String, String> ROWS_OF_AN_AGENCY = rowsOfAnAgency();

  static RunningHub hub;
  static String agency;
  static String clientId;
  static String housing;

  @BeforeAll
  static void anAgencyWithAClientAndAPathway() {
    agency = hub.createAgency("Bad input care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    hub.switchToNewChwOf(agency);
    clientId = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + clientId + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    housing = hub.open(clientId, "HOUSING", Map.of());
  }

  @Test
  void rejectsMalformedJson() {
    JsonNode problem = refused(400, () -> hub.postRaw("/clients", "{\"givenName\": \"Ana\",", Map.of()));
    assertThat(fields(problem)).containsExactly("body");
  }

  @Test
  void rejectsAMultipartBodyWithoutItsBoundary() {
    // Found by InputFuzzingPropertiesTest: the dispatcher's multipart parsing failed with a 500.
    JsonNode problem = refused(400, () -> hub.send("POST", "/clients",
        Map.of("Content-Type", "multipart/form-data; boundary="), "{\"givenName\": \"Ana\"}".getBytes()));
    assertThat(fields(problem)).containsExactly("body");
    // With an Idempotency-Key the body is read for its fingerprint first: the same refusal, not a 500.
    JsonNode keyed = refused(400, () -> hub.send("POST", "/clients", Map.of("Content-Type", "multipart/form-data",
        "Idempotency-Key", "multipart-without-boundary"), "{\"givenName\": \"Ana\"}".getBytes()));
    assertThat(fields(keyed)).containsExactly("body");
  }

  @Test
  void auditsAReportQueryWithANulAndRefusesIt() {
    // Found by InputFuzzingPropertiesTest: the audit trail could not store the NUL of the query (a 500).
    RunningHub.Response answer = hub.as(hub.adminToken(), () -> hub.get("/reports/outcomes?payer=%00&from=2026-05-08"));
    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @Test
  void answersAPathTheWebServerRefusesWithAProblemDocument() {
    // Found by InputFuzzingPropertiesTest: Tomcat refused a NUL in the path with its HTML error page.
    refused(400, () -> hub.get("/clients/%00/checklists"));
    refused(400, () -> hub.get("/pathways/a%2Fb"));
  }

  @Test
  void rejectsAnAcceptHeaderThatIsNotAListOfMediaTypes() {
    // Found by InputFuzzingPropertiesTest: with it, any refusal went out as an empty 4xx.
    JsonNode problem = refused(400, () -> hub.get("/pathways/" + housing, "application/*;q=abc"));
    assertThat(fields(problem)).containsExactly("Accept");
    // And one Spring's parser failed on with an index error: a 500.
    assertThat(fields(refused(400, () -> hub.get("/pathways/" + housing, "\"/n&")))).containsExactly("Accept");
  }

  @Test
  void rejectsAContentTypeWithAWildcard() {
    // Found by InputFuzzingPropertiesTest: Spring MVC failed on it with a 500.
    JsonNode problem = refused(415, () -> hub.send("POST", "/clients", Map.of("Content-Type", "*/*"),
        "{\"givenName\": \"Ana\"}".getBytes()));
    assertThat(fields(problem)).containsExactly("Content-Type");
  }

  @Test
  void rejectsTextWithANulCharacter() {
    // Found by InputFuzzingPropertiesTest: PostgreSQL refuses to store a NUL, and that was a 500.
    hub.as(hub.adminToken(), () -> refused(400, () -> hub.get("/admin/payer-contracts?payer=%00")));
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("givenName", "Ana\u0000");
    refused(400, () -> hub.post("/clients", registration));
  }

  @Test
  void answersAPathTheFirewallRejectsWithAProblemDocument() {
    // Found by InputFuzzingPropertiesTest: Spring Security's firewall refusal went out as the error page's JSON.
    refused(400, () -> hub.get("/pathways/%25"));
  }

  @Test
  void rejectsARegistrationWithMissingFields() {
    JsonNode problem = refused(400, () -> hub.post("/clients", Map.of("givenName", "Ana")));
    assertThat(fields(problem)).containsExactly("birthDate", "familyName");
  }

  @Test
  void rejectsADateThatIsNotADate() {
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("birthDate", "12/04/1998");
    assertThat(fields(refused(400, () -> hub.post("/clients", registration)))).containsExactly("birthDate");
  }

  @Test
  void rejectsAnUnknownField() {
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("socialSecurityNumber", "123-45-6789");
    assertThat(fields(refused(400, () -> hub.post("/clients", registration)))).containsExactly("socialSecurityNumber");
  }

  @Test
  void refusesABodyLargerThanTheLimit() {
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("givenName", "x".repeat(70_000));
    refused(413, () -> hub.post("/clients", registration));
  }

  @Test
  void tellsTheCallerTheirWriteBudget() {
    String other = openedHousingForANewClient();
    RunningHub.Response response = recordStep(other, "APPLICATION_SUBMITTED", key());
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers()).containsKeys("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset");
  }

  @Test
  void tellsTheCallerTheirReadBudget() {
    RunningHub.Response response = hub.get("/clients/" + clientId);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsKeys("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset");
  }

  @Test
  void countsCallsWithoutAValidTokenAgainstTheirAddress() {
    for (String token : new String[] {null, "not-a-token"}) {
      RunningHub.Response response = hub.as(token, () -> hub.get("/clients/" + clientId));
      assertThat(response.status()).as(response.toString()).isEqualTo(401);
      assertThat(response.headers()).as("token " + token)
          .containsKeys("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset");
    }
  }

  @Test
  void rejectsAnUnknownPayer() {
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("coverage", Map.of("payer", "NOBODY"));
    assertThat(fields(refused(422, () -> hub.post("/clients", registration)))).containsExactly("coverage.payer");
  }

  @Test
  void refusesAProbableDuplicateWithItsCandidatesUnlessOverriddenWithAReason() {
    Map<String, Object> first = Personas.registration("Rosa", "Diaz-" + Personas.unique(), LocalDate.of(1990, 1, 2));
    String firstId = hub.register(first);
    Map<String, Object> again = new LinkedHashMap<>(first);
    again.put("givenName", "ROSA");
    again.put("medicaidId", "MCD" + Personas.unique());

    JsonNode problem = refused(409, () -> hub.post("/clients", again));
    assertThat(problem.path("candidates").findValuesAsText("")).isEmpty();
    assertThat(problem.path("candidates").get(0).asText()).isEqualTo(firstId);
    assertThat(problem.path("overridable").asBoolean()).isTrue();

    again.put("duplicateOverrideReason", "Two people of the same name and birth date, confirmed by ID");
    assertThat(hub.post("/clients", again).status()).isEqualTo(201);
  }

  @Test
  void refusesTheSameMedicaidIdEvenWithAnOverride() {
    Map<String, Object> first = Personas.pregnantClientWithUnstableHousing();
    hub.register(first);
    Map<String, Object> other = Personas.foodInsecureClient();
    other.put("medicaidId", first.get("medicaidId"));
    other.put("duplicateOverrideReason", "trust me");
    JsonNode problem = refused(409, () -> hub.post("/clients", other));
    assertThat(problem.path("overridable").asBoolean()).isFalse();
  }

  @Test
  void rejectsAnUnknownChecklistQuestion() {
    Map<String, String> answers = new LinkedHashMap<>(
        (Map<String, String>) Personas.initialChecklistOfFoodInsecureClient().get("answers"));
    answers.put("favourite_colour", "blue");
    answers.put("er_visits_12_months", "many");
    JsonNode problem = refused(422, () -> hub.post("/clients/" + clientId + "/checklists",
        Map.of("kind", "INITIAL", "answers", answers)));
    assertThat(fields(problem)).containsExactly("answers.favourite_colour", "answers.er_visits_12_months");
  }

  @Test
  void rejectsPathwayCodesThatCannotBeCodes() {
    JsonNode opening = refused(400, () -> hub.post("/clients/" + clientId + "/pathways",
        Map.of("pathwayCode", "housing; drop table", "typeCode", "x".repeat(65))));
    assertThat(fields(opening)).containsOnly("pathwayCode", "typeCode");
    JsonNode catalog = refused(400, () -> hub.get("/pathway-definitions/" + "H".repeat(65)));
    assertThat(fields(catalog)).containsOnly("code");
    JsonNode version = refused(400, () -> hub.get("/pathway-definitions/HOUSING/bpmn?version=0"));
    assertThat(fields(version)).containsExactly("version");
  }

  @Test
  void rejectsAnUnknownPathwayCode() {
    JsonNode problem = refused(422, () -> hub.post("/clients/" + clientId + "/pathways",
        Map.of("pathwayCode", "ASTROLOGY")));
    assertThat(fields(problem)).containsExactly("pathwayCode");
  }

  @Test
  void rejectsAPregnancyWithoutItsDueDate() {
    JsonNode problem = refused(422, () -> hub.post("/clients/" + clientId + "/pathways",
        Map.of("pathwayCode", "PREGNANCY")));
    assertThat(fields(problem)).containsExactly("openingFields.estimatedDueDate");
  }

  @Test
  void refusesASecondOpenPathwayOfTheSameCode() {
    JsonNode problem = refused(409, () -> hub.post("/clients/" + clientId + "/pathways",
        Map.of("pathwayCode", "HOUSING")));
    assertThat(problem.path("openPathway").asText()).isEqualTo(housing);
  }

  @Test
  void refusesAPathwayTheClientIsNotEligibleFor() {
    JsonNode problem = refused(422, () -> hub.post("/clients/" + clientId + "/pathways",
        Map.of("pathwayCode", "FOOD_SECURITY")));
    assertThat(problem.path("reasons").get(0).path("rule").asText()).isNotBlank();
  }

  @Test
  void rejectsAStepThatIsNotInThePathway() {
    JsonNode problem = refused(422, () -> recordStep(housing, "DELIVERY", key()));
    assertThat(fields(problem)).containsExactly("stepCode");
  }

  @Test
  void rejectsAStepWithoutItsIdempotencyKey() {
    JsonNode problem = refused(400, () -> hub.post("/pathways/" + housing + "/steps",
        RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY, Map.of(), null)));
    assertThat(fields(problem)).containsExactly("Idempotency-Key");
  }

  @Test
  void rejectsABlankIdempotencyKey() {
    JsonNode problem = refused(400, () -> hub.post("/pathways/" + housing + "/steps",
        RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY, Map.of(), null), Map.of("Idempotency-Key", " ")));
    assertThat(fields(problem)).containsExactly("Idempotency-Key");
  }

  @Test
  void rejectsAStepDataFieldOfTheWrongType() {
    String pregnancy = openedPregnancyForANewClient();
    JsonNode problem = refused(422, () -> hub.post("/pathways/" + pregnancy + "/steps",
        RunningHub.stepBody("DELIVERY", TODAY, Map.of("birthWeightGrams", "heavy", "eyeColour", "brown"),
            RunningHub.evidence()), Map.of("Idempotency-Key", key())));
    assertThat(fields(problem)).containsExactlyInAnyOrder("data.birthWeightGrams", "data.eyeColour");
  }

  @Test
  void rejectsAnOutcomeWithoutEvidence() {
    JsonNode problem = refused(422, () -> recordStep(housing, "MOVED_IN", key()));
    assertThat(fields(problem)).containsExactly("evidence");
  }

  @Test
  void rejectsAStepDatedInTheFuture() {
    JsonNode problem = refused(422, () -> hub.post("/pathways/" + housing + "/steps",
        RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY.plusDays(2), Map.of(), null),
        Map.of("Idempotency-Key", key())));
    assertThat(fields(problem)).containsExactly("occurredOn");
  }

  @Test
  void refusesAStepBeforeItsPrerequisite() {
    String other = openedHousingForANewClient();
    refused(409, () -> recordStep(other, "HOUSING_SECURED", key()));
  }

  @Test
  void answersARetryWithTheFirstStepAndRefusesTheSameKeyWithAnotherBody() {
    String other = openedHousingForANewClient();
    String key = key();
    var first = recordStep(other, "APPLICATION_SUBMITTED", key);
    assertThat(first.status()).isEqualTo(201);

    Map<String, Long> before = rowCounts();
    var retry = recordStep(other, "APPLICATION_SUBMITTED", key);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(rowCounts()).isEqualTo(before);

    JsonNode problem = refused(422, () -> hub.post("/pathways/" + other + "/steps",
        RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY.minusDays(1), Map.of(), null),
        Map.of("Idempotency-Key", key)));
    assertThat(fields(problem)).containsExactly("Idempotency-Key");
  }

  @Test
  void refusesAStepOnAPathwayThatIsClosing() {
    String other = openedHousingForANewClient();
    assertThat(hub.post("/pathways/" + other + "/close", Map.of("reason", "MOVED_AWAY"), RunningHub.newKey()).status()).isEqualTo(202);
    refused(409, () -> recordStep(other, "APPLICATION_SUBMITTED", key()));
  }

  @Test
  void rejectsAnUnknownCloseReasonAndTheTimersOwnReason() {
    assertThat(fields(refused(400, () -> hub.post("/pathways/" + housing + "/close",
        Map.of("reason", "BORED"), RunningHub.newKey())))).containsExactly("reason");
    refused(409, () -> hub.post("/pathways/" + housing + "/close", Map.of("reason", "TIME_LIMIT"), RunningHub.newKey()));
  }

  @Test
  void answersNotFoundForAPathwayThatDoesNotExistAndBadRequestForAnIdThatIsNotOne() {
    refused(404, () -> hub.get("/pathways/" + UUID.randomUUID()));
    assertThat(fields(refused(400, () -> hub.get("/pathways/not-a-uuid")))).containsExactly("pathwayId");
  }

  @Test
  void rejectsAReportForAnUnknownPayerOrAnInvertedPeriod() {
    hub.as(hub.adminToken(), () -> {
      rejectsBadReportRequests();
      return null;
    });
  }

  private static void rejectsBadReportRequests() {
    assertThat(fields(refused(422, () -> hub.get("/reports/payments?payer=NOBODY&from=2026-01-01&to=2026-01-31"))))
        .containsExactly("payer");
    assertThat(fields(refused(422, () -> hub.get("/reports/payments?payer=STATE_MEDICAID&from=2026-02-01&to=2026-01-31"))))
        .containsExactly("from");
    assertThat(fields(refused(400, () -> hub.get("/reports/payments?payer=STATE_MEDICAID&from=2026-02-01"))))
        .containsExactly("to");
  }

  private static String openedHousingForANewClient() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return hub.open(client, "HOUSING", Map.of());
  }

  private static String openedPregnancyForANewClient() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return hub.open(client, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusMonths(4).toString()));
  }

  private static RunningHub.Response recordStep(String pathwayId, String code, String key) {
    return hub.post("/pathways/" + pathwayId + "/steps",
        RunningHub.stepBody(code, TODAY, Map.of(), null), Map.of("Idempotency-Key", key));
  }

  /** Sends the request, checks it is refused as a problem document, and that nothing was written. */
  private static JsonNode refused(int status, Supplier<RunningHub.Response> request) {
    Map<String, Long> before = rowCounts();
    RunningHub.Response response = request.get();
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(rowCounts()).as("rows written by a refused request").isEqualTo(before);
    JsonNode problem = response.json();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }

  private static List<String> fields(JsonNode problem) {
    return problem.path("errors").findValuesAsText("field");
  }

  private static Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    ROWS_OF_AN_AGENCY.forEach((table, query) -> counts.put(table,
        hub.jdbc().sql(query).param(UUID.fromString(agency)).query(Long.class).single()));
    return counts;
  }

  private static Map<String, String> rowsOfAnAgency() {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("client", "select count(*) from client where agency_id = ?");
    queries.put("checklist", "select count(*) from checklist c join client on client.id = c.client_id"
        + " where client.agency_id = ?");
    queries.put("pathway", "select count(*) from pathway where agency_id = ?");
    queries.put("pathway_step", "select count(*) from pathway_step where agency_id = ?");
    queries.put("outbox", "select count(*) from outbox o join pathway p on p.id = o.pathway_id where p.agency_id = ?");
    queries.put("milestone_decision", "select count(*) from milestone_decision m join pathway p on p.id = m.pathway_id"
        + " where p.agency_id = ?");
    queries.put("payment_ledger", "select count(*) from payment_ledger where agency_id = ?");
    return queries;
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }
}
