package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standard catalog on the real stack (PostgreSQL, the local Zeebe broker, Drools, the default contract):
 * the catalog as the API serves it from PostgreSQL, pathways opened with a type code, and for Employment,
 * Pregnancy, Postpartum, Medical Home and Housing a behaviour table written by hand: each row a client of
 * its own, a sequence of dated steps and requests, and the state, outcome variant and payments it ends
 * with. On the broker a timer whose date has passed fires at once: a job started 35 days ago has had its
 * 30 days, a due date long past has run out its time limit.
 */
@SharedRunningHub
class PathwayCatalogBehaviourTest {

  private static final LocalDate TODAY = RunningHub.today();

  static RunningHub hub;

  // --- the catalog, from PostgreSQL

  @Test
  void servesEveryStandardPathwayAsItsFirstVersionWithItsSources() {
    JsonNode catalog = hub.get("/pathway-definitions").json();

    assertThat(catalog.findValuesAsText("code")).containsAll(PathwayCatalog.standard().all().stream()
        .map(PathwayDescriptor::code).toList());
    JsonNode employment = find(catalog, "EMPLOYMENT");
    assertThat(employment.path("version").asInt()).isEqualTo(1);
    assertThat(employment.path("engineKey").isIntegralNumber()).as("deployed at start").isTrue();
    assertThat(employment.path("outcome").path("step").asText()).isEqualTo("EMPLOYMENT_VERIFIED");
    assertThat(employment.path("steps").get(4).path("waitsFor").path("days").asInt()).isEqualTo(30);
    assertThat(employment.path("steps").get(4).path("waitsFor").path("source").asText()).isEqualTo("VERIFIED");
    assertThat(employment.path("evidence").path("confirmedBy").asText()).isNotBlank();
    assertThat(employment.path("timeLimit").path("days").asInt()).isEqualTo(180);
    assertThat(employment.path("closeReasons").findValuesAsText("reason")).contains("OUTCOME_NOT_ACHIEVED", "TIME_LIMIT");
    assertThat(employment.has("versions")).isFalse();
    assertThat(find(catalog, "PREGNANCY").path("outcome").path("variants").findValuesAsText("code"))
        .containsExactly("HEALTHY_BIRTH_WEIGHT", "LOW_BIRTH_WEIGHT");
  }

  @Test
  void servesOnePathwayWithItsVersionsTypeCodesAndBpmn() {
    JsonNode referral = hub.get("/pathway-definitions/MEDICAL_REFERRAL").json();

    assertThat(referral.path("typeCodes").path("label").asText()).isEqualTo("referral type");
    assertThat(referral.path("typeCodes").path("codes").findValuesAsText("code")).contains("CARDIOLOGY", "DERMATOLOGY");
    assertThat(referral.path("versions")).hasSize(1);
    assertThat(referral.path("versions").get(0).path("active").asBoolean()).isTrue();

    RunningHub.Response bpmn = hub.get(referral.path("bpmn").asText(), "application/xml");
    assertThat(bpmn.status()).isEqualTo(200);
    assertThat(bpmn.contentType()).startsWith("application/xml");
    assertThat(bpmn.body()).contains("id=\"Pathway_MedicalReferral\"", "bpmndi:BPMNDiagram");

    RunningHub.Response unknown = hub.get("/pathway-definitions/ASTROLOGY");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
  }

  /** The classpath is only a seed: a changed file never publishes over a version an administrator made. */
  @Test
  void seedingAgainLeavesAnAdministratorsNewerVersionAlone() {
    String seededChecksum = hub.jdbc().sql("select checksum from pathway_definition "
        + "where code = 'TRANSPORTATION' and version = 1").query(String.class).single();
    // What the authoring API will do: version 2 of TRANSPORTATION becomes the active one; and the
    // classpath file no longer matches version 1 (as after an upgrade that changed it).
    hub.jdbc().sql("update pathway_definition set active = false, checksum = 'changed on the classpath' "
        + "where code = 'TRANSPORTATION' and version = 1").update();
    hub.jdbc().sql("""
            insert into pathway_definition (id, code, version, process_id, descriptor, bpmn, checksum, engine_key,
                                            active, published_at)
            select gen_random_uuid(), code, 2, process_id, descriptor, bpmn, 'administrator', null, true, now()
              from pathway_definition where code = 'TRANSPORTATION' and version = 1""").update();
    try {
      long definitions = definitionRows();

      hub.bean(DefinitionPublishing.class).publishStandardCatalog();

      assertThat(definitionRows()).isEqualTo(definitions);
      JsonNode transportation = hub.get("/pathway-definitions/TRANSPORTATION").json();
      assertThat(transportation.path("version").asInt()).isEqualTo(2);
      assertThat(transportation.path("versions").findValuesAsText("version")).containsExactly("1", "2");
    } finally {
      // Back to the seeded catalog: other classes share this database and open Transportation as seeded.
      hub.jdbc().sql("delete from pathway_definition where code = 'TRANSPORTATION' and version = 2").update();
      hub.jdbc().sql("update pathway_definition set active = true, checksum = ? "
          + "where code = 'TRANSPORTATION' and version = 1").param(seededChecksum).update();
    }
  }

  private static long definitionRows() {
    return hub.jdbc().sql("select count(*) from pathway_definition").query(Long.class).single();
  }

  // --- parameterised pathways: one definition, opened with a type code

  static Stream<Arguments> parameterisedPathways() {
    return Stream.of(
        arguments("MEDICAL_REFERRAL", "needs_medical_referral", "CARDIOLOGY", "DERMATOLOGY", "APPOINTMENT_KEPT"),
        arguments("SOCIAL_SERVICE_REFERRAL", "social_service_need", "CHILD_CARE", "LEGAL_AID", "SERVICE_RECEIVED"),
        arguments("LEARNING", "health_education_need", "SAFE_SLEEP", "BREASTFEEDING", "UNDERSTANDING_CONFIRMED"));
  }

  @ParameterizedTest(name = "{0}: {2} and {3}")
  @MethodSource("parameterisedPathways")
  void opensTwoTypeCodesSideBySideAndRefusesTheSameTypeCodeTwice(String code, String risk, String first,
      String second, String outcomeStep) {
    asANewCareWorker(() -> opensTwoTypeCodesSideBySide(code, risk, first, second, outcomeStep));
  }

  private static void opensTwoTypeCodesSideBySide(String code, String risk, String first, String second,
      String outcomeStep) {
    String client = clientWith(Map.of(risk, "yes"));

    String firstPathway = openWithType(client, code, first).json().path("id").asText();
    RunningHub.Response secondPathway = openWithType(client, code, second);
    RunningHub.Response again = openWithType(client, code, first);

    assertThat(secondPathway.status()).as(secondPathway.toString()).isEqualTo(201);
    assertThat(secondPathway.json().path("typeCode").asText()).isEqualTo(second);
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.json().path("openPathway").asText()).isEqualTo(firstPathway);

    // Each runs on its own: completing the first leaves the second open, and frees its type code.
    completeAllStepsOf(firstPathway, code, outcomeStep);
    JsonNode done = hub.awaitStatus(firstPathway, "COMPLETED");
    assertThat(done.path("payments").findValuesAsText("milestone")).containsExactly("OUTCOME_CONFIRMED");
    assertThat(hub.get("/pathways/" + secondPathway.json().path("id").asText()).json().path("status").asText())
        .isEqualTo("ACTIVE");
    assertThat(openWithType(client, code, first).status()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parameterisedPathways")
  void refusesAParameterisedPathwayWithoutATypeCodeOfItsList(String code, String risk, String first) {
    asANewCareWorker(() -> {
      String client = clientWith(Map.of(risk, "yes"));

      assertThat(fields(hub.post("/clients/" + client + "/pathways", Map.of("pathwayCode", code)), 422))
          .containsExactly("typeCode");
      assertThat(fields(openWithType(client, code, "ASTROLOGY"), 422)).containsExactly("typeCode");
      assertThat(fields(openWithType(clientWith(Map.of("has_reliable_transportation", "no")), "TRANSPORTATION",
          first), 422)).containsExactly("typeCode");
    });
  }

  // --- behaviour tables, written by hand

  static Stream<Arguments> employment() {
    Map<String, Object> startedAgo35 = Map.of("jobStartDate", ago(35), "employer", "Riverside Grocery");
    Map<String, Object> startedAgo20 = Map.of("jobStartDate", ago(20));
    return Stream.of(
        row("kept the job 30 days: verified, paid at the start and at the outcome", Map.of(), List.of(
                step(45, "EMPLOYMENT_NEEDS_ASSESSED"), step(40, "JOB_APPLICATION_SUBMITTED"),
                step(35, "JOB_STARTED", startedAgo35, true), step(2, "EMPLOYMENT_VERIFIED", Map.of(), true)),
            completed("STANDARD", "SERVICE_CONFIRMED/STANDARD/15000", "OUTCOME_CONFIRMED/STANDARD/50000")),
        row("verification dated before the 30 days are over is refused; the job start is paid", Map.of(), List.of(
                step(25, "EMPLOYMENT_NEEDS_ASSESSED"), step(22, "JOB_APPLICATION_SUBMITTED"),
                step(20, "JOB_STARTED", startedAgo20, true), refused(422, 0, "EMPLOYMENT_VERIFIED", true), paid(1)),
            active("SERVICE_CONFIRMED/STANDARD/15000")),
        row("job lost after 12 days: finished incomplete, outcome not achieved", Map.of(), List.of(
                step(25, "EMPLOYMENT_NEEDS_ASSESSED"), step(22, "JOB_APPLICATION_SUBMITTED"),
                step(20, "JOB_STARTED", startedAgo20, true), paid(1), step(8, "JOB_LOST")),
            finishedIncomplete("OUTCOME_NOT_ACHIEVED", "SERVICE_CONFIRMED/STANDARD/15000")),
        row("a job loss dated after 30 days of work is refused: the outcome was reached", Map.of(), List.of(
                step(45, "EMPLOYMENT_NEEDS_ASSESSED"), step(40, "JOB_APPLICATION_SUBMITTED"),
                step(35, "JOB_STARTED", startedAgo35, true), refused(422, 1, "JOB_LOST", false),
                step(1, "EMPLOYMENT_VERIFIED", Map.of(), true)),
            completed("STANDARD", "SERVICE_CONFIRMED/STANDARD/15000", "OUTCOME_CONFIRMED/STANDARD/50000")),
        row("a job loss (within its 30 days) reported after the recorded outcome is refused", Map.of(), List.of(
                step(45, "EMPLOYMENT_NEEDS_ASSESSED"), step(40, "JOB_APPLICATION_SUBMITTED"),
                step(35, "JOB_STARTED", startedAgo35, true), step(1, "EMPLOYMENT_VERIFIED", Map.of(), true),
                refused(409, 10, "JOB_LOST", false)),
            completed("STANDARD", "SERVICE_CONFIRMED/STANDARD/15000", "OUTCOME_CONFIRMED/STANDARD/50000")),
        row("job loss before a job started is refused; the client declines", Map.of(), List.of(
                step(10, "EMPLOYMENT_NEEDS_ASSESSED"), refused(409, 1, "JOB_LOST", false), close("CLIENT_DECLINED")),
            finishedIncomplete("CLIENT_DECLINED")));
  }

  static Stream<Arguments> pregnancy() {
    Map<String, String> due = Map.of("estimatedDueDate", ago(3));
    return Stream.of(
        row("healthy delivery after a paid prenatal visit", due, List.of(
                step(200, "PRENATAL_CARE_PROVIDER_CHOSEN"), step(150, "PRENATAL_VISIT_ATTENDED", Map.of(), true),
                step(2, "DELIVERY", Map.of("birthWeightGrams", 3120), true)),
            completed("HEALTHY_BIRTH_WEIGHT", "SERVICE_CONFIRMED/STANDARD/15000",
                "OUTCOME_CONFIRMED/HEALTHY_BIRTH_WEIGHT/60000")),
        row("2,500 g exactly is a healthy birth weight", due, List.of(
                step(200, "PRENATAL_CARE_PROVIDER_CHOSEN"), step(150, "PRENATAL_VISIT_ATTENDED", Map.of(), true),
                step(2, "DELIVERY", Map.of("birthWeightGrams", 2500), true)),
            completed("HEALTHY_BIRTH_WEIGHT", "SERVICE_CONFIRMED/STANDARD/15000",
                "OUTCOME_CONFIRMED/HEALTHY_BIRTH_WEIGHT/60000")),
        row("2,499 g is a low birth weight, which the contract prices at nothing", due, List.of(
                step(200, "PRENATAL_CARE_PROVIDER_CHOSEN"), step(150, "PRENATAL_VISIT_ATTENDED", Map.of(), true),
                step(2, "DELIVERY", Map.of("birthWeightGrams", 2499), true)),
            completed("LOW_BIRTH_WEIGHT", "SERVICE_CONFIRMED/STANDARD/15000", "OUTCOME_CONFIRMED/LOW_BIRTH_WEIGHT/0")),
        row("delivery recorded before the earlier steps still completes", due, List.of(
                step(1, "DELIVERY", Map.of("birthWeightGrams", 2900), true), step(120, "PRENATAL_CARE_PROVIDER_CHOSEN"),
                step(100, "PRENATAL_VISIT_ATTENDED", Map.of(), true)),
            completed("HEALTHY_BIRTH_WEIGHT", "SERVICE_CONFIRMED/STANDARD/15000",
                "OUTCOME_CONFIRMED/HEALTHY_BIRTH_WEIGHT/60000")),
        row("moved away after the prenatal visit: the visit stays paid", due, List.of(
                step(60, "PRENATAL_CARE_PROVIDER_CHOSEN"), step(30, "PRENATAL_VISIT_ATTENDED", Map.of(), true), paid(1),
                close("MOVED_AWAY")),
            finishedIncomplete("MOVED_AWAY", "SERVICE_CONFIRMED/STANDARD/15000")),
        row("due date 61 days ago and no delivery: the time limit ends it", Map.of("estimatedDueDate", ago(61)), List.of(),
            finishedIncomplete("TIME_LIMIT")));
  }

  static Stream<Arguments> postpartum() {
    return Stream.of(
        row("postpartum visit attended three weeks after delivery", Map.of("deliveryDate", ago(25)), List.of(
                step(20, "VISIT_SCHEDULED"), step(4, "VISIT_ATTENDED", Map.of(), true)),
            completed("STANDARD", "OUTCOME_CONFIRMED/STANDARD/25000")),
        row("the visit is refused without evidence; the client declines", Map.of("deliveryDate", ago(30)), List.of(
                step(20, "VISIT_SCHEDULED"), refused(422, 3, "VISIT_ATTENDED", false), close("CLIENT_DECLINED")),
            finishedIncomplete("CLIENT_DECLINED")),
        row("delivered 85 days ago, 12 weeks passed without the visit", Map.of("deliveryDate", ago(85)), List.of(),
            finishedIncomplete("TIME_LIMIT")));
  }

  static Stream<Arguments> medicalHome() {
    return Stream.of(
        row("practice chosen, appointment made, first visit attended", Map.of(), List.of(
                step(40, "PRACTICE_SELECTED"), step(30, "APPOINTMENT_SCHEDULED"),
                step(3, "FIRST_VISIT_ATTENDED", Map.of(), true)),
            completed("STANDARD", "OUTCOME_CONFIRMED/STANDARD/20000")),
        row("an appointment before a practice is chosen is refused", Map.of(), List.of(
                refused(409, 30, "APPOINTMENT_SCHEDULED", false), step(29, "PRACTICE_SELECTED"),
                step(28, "APPOINTMENT_SCHEDULED"), step(1, "FIRST_VISIT_ATTENDED", Map.of(), true)),
            completed("STANDARD", "OUTCOME_CONFIRMED/STANDARD/20000")),
        row("the first visit reported before the appointment steps still completes", Map.of(), List.of(
                step(2, "FIRST_VISIT_ATTENDED", Map.of(), true), step(20, "PRACTICE_SELECTED"),
                step(15, "APPOINTMENT_SCHEDULED")),
            completed("STANDARD", "OUTCOME_CONFIRMED/STANDARD/20000")),
        row("client not found after the practice was chosen", Map.of(), List.of(
                step(20, "PRACTICE_SELECTED"), close("UNABLE_TO_LOCATE")),
            finishedIncomplete("UNABLE_TO_LOCATE")));
  }

  static Stream<Arguments> housing() {
    return Stream.of(
        row("applied, secured a unit, moved in", Map.of(), List.of(
                step(60, "APPLICATION_SUBMITTED"), step(20, "HOUSING_SECURED"), step(2, "MOVED_IN", Map.of(), true)),
            completed("STANDARD", "OUTCOME_CONFIRMED/STANDARD/45000")),
        row("move-in paperwork first, the rest later", Map.of(), List.of(
                step(1, "MOVED_IN", Map.of(), true), step(50, "APPLICATION_SUBMITTED"), step(10, "HOUSING_SECURED")),
            completed("STANDARD", "OUTCOME_CONFIRMED/STANDARD/45000")),
        row("a unit secured before any application is refused", Map.of(), List.of(
                refused(409, 5, "HOUSING_SECURED", false), step(4, "APPLICATION_SUBMITTED"),
                close("LOST_ELIGIBILITY")),
            finishedIncomplete("LOST_ELIGIBILITY")),
        row("the outcome without evidence is refused and pays nothing", Map.of(), List.of(
                step(30, "APPLICATION_SUBMITTED"), step(10, "HOUSING_SECURED"), refused(422, 1, "MOVED_IN", false),
                close("OUTCOME_NOT_ACHIEVED")),
            finishedIncomplete("OUTCOME_NOT_ACHIEVED")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("employment")
  void employment(String behaviour, Map<String, String> opening, List<Action> actions, Expected expected) {
    play("EMPLOYMENT", Map.of("unemployed_seeking_work", "yes"), opening, actions, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pregnancy")
  void pregnancy(String behaviour, Map<String, String> opening, List<Action> actions, Expected expected) {
    play("PREGNANCY", Map.of("pregnant", "yes", "pregnancy_confirmed", "yes"), opening, actions, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("postpartum")
  void postpartum(String behaviour, Map<String, String> opening, List<Action> actions, Expected expected) {
    JsonNode pathway = play("POSTPARTUM", Map.of("gave_birth_last_12_weeks", "yes"), opening, actions, expected);
    // The time limit counts from the delivery date: 12 weeks.
    assertThat(pathway.path("dueDate").asText())
        .isEqualTo(LocalDate.parse(opening.get("deliveryDate")).plusDays(84).toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("medicalHome")
  void medicalHome(String behaviour, Map<String, String> opening, List<Action> actions, Expected expected) {
    play("MEDICAL_HOME", Map.of("has_primary_care", "no"), opening, actions, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("housing")
  void housing(String behaviour, Map<String, String> opening, List<Action> actions, Expected expected) {
    play("HOUSING", Map.of("housing_status", "UNSTABLE"), opening, actions, expected);
  }

  // --- how a row is played: its own client, the actions in order, then the pathway as it ends up

  sealed interface Action permits Step, Close, Paid {}

  /** A step dated {@code daysAgo}, answered with {@code status}. */
  record Step(int daysAgo, String code, Map<String, Object> data, boolean evidence, int status) implements Action {
    @Override
    public String toString() {
      return code + " " + daysAgo + " days ago" + (status == 201 ? "" : " → " + status);
    }
  }

  record Close(String reason) implements Action {}

  /** Waits until the ledger holds this many payments of the pathway (before racing a close against one). */
  record Paid(int count) implements Action {}

  /** How the pathway ends up: status, outcome variant or close reason, and its ledger as milestone/variant/cents. */
  record Expected(String status, String outcomeVariant, String closeReason, List<String> payments) {}

  private static JsonNode play(String code, Map<String, String> risks, Map<String, String> opening,
      List<Action> actions, Expected expected) {
    JsonNode[] ended = new JsonNode[1];
    asANewCareWorker(() -> ended[0] = playAsCareWorker(code, risks, opening, actions, expected));
    return ended[0];
  }

  private static JsonNode playAsCareWorker(String code, Map<String, String> risks, Map<String, String> opening,
      List<Action> actions, Expected expected) {
    String client = clientWith(risks);
    String pathway = hub.open(client, code, opening);
    for (Action action : actions) {
      switch (action) {
        case Step step -> {
          RunningHub.Response response = hub.post("/pathways/" + pathway + "/steps",
              RunningHub.stepBody(step.code(), TODAY.minusDays(step.daysAgo()), step.data(),
                  step.evidence() ? RunningHub.evidence() : null),
              Map.of("Idempotency-Key", UUID.randomUUID().toString()));
          assertThat(response.status()).as("%s: %s", step, response).isEqualTo(step.status());
        }
        case Close close -> assertThat(hub.post("/pathways/" + pathway + "/close", Map.of("reason", close.reason()), RunningHub.newKey())
            .status()).isEqualTo(202);
        case Paid paid -> hub.awaitPayments(pathway, paid.count());
      }
    }
    JsonNode ended;
    if (expected.status().equals("ACTIVE")) {
      hub.awaitPayments(pathway, expected.payments().size());
      ended = hub.get("/pathways/" + pathway).json();
    } else {
      ended = hub.awaitStatus(pathway, expected.status());
    }
    assertThat(ended.path("status").asText()).isEqualTo(expected.status());
    assertThat(text(ended.path("outcomeVariant"))).isEqualTo(expected.outcomeVariant());
    assertThat(text(ended.path("closeReason"))).isEqualTo(expected.closeReason());
    List<String> payments = new ArrayList<>();
    ended.path("payments").forEach(p -> payments.add(p.path("milestone").asText() + "/"
        + p.path("outcomeVariant").asText() + "/" + p.path("amountCents").asLong()));
    assertThat(payments).containsExactlyElementsOf(expected.payments());
    return ended;
  }

  private static Arguments row(String behaviour, Map<String, String> opening, List<Action> actions, Expected expected) {
    return arguments(behaviour, opening, actions, expected);
  }

  private static Step step(int daysAgo, String code) {
    return new Step(daysAgo, code, Map.of(), false, 201);
  }

  private static Step step(int daysAgo, String code, Map<String, Object> data, boolean evidence) {
    return new Step(daysAgo, code, data, evidence, 201);
  }

  private static Step refused(int status, int daysAgo, String code, boolean evidence) {
    return new Step(daysAgo, code, Map.of(), evidence, status);
  }

  private static Close close(String reason) {
    return new Close(reason);
  }

  private static Paid paid(int count) {
    return new Paid(count);
  }

  private static Expected completed(String variant, String... payments) {
    return new Expected("COMPLETED", variant, null, List.of(payments));
  }

  private static Expected finishedIncomplete(String reason, String... payments) {
    return new Expected("FINISHED_INCOMPLETE", null, reason, List.of(payments));
  }

  private static Expected active(String... payments) {
    return new Expected("ACTIVE", null, null, List.of(payments));
  }

  private static String ago(int days) {
    return TODAY.minusDays(days).toString();
  }

  // --- helpers

  /** Runs as a CHW of the default agency signed in for this alone: each has their own write budget. */
  private static void asANewCareWorker(Runnable calls) {
    String token = hub.createMemberAndLogin("chw-" + Personas.unique(), "CHW", RunningHub.DEFAULT_AGENCY);
    hub.as(token, () -> {
      calls.run();
      return null;
    });
  }

  private static String clientWith(Map<String, String> risks) {
    String client = hub.register(Personas.registration("Test", "Client-" + Personas.unique(), LocalDate.of(1990, 5, 17)));
    RunningHub.Response checklist = hub.post("/clients/" + client + "/checklists", Personas.initialChecklist(risks));
    assertThat(checklist.status()).as(checklist.toString()).isEqualTo(201);
    return client;
  }

  private static RunningHub.Response openWithType(String client, String code, String typeCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pathwayCode", code);
    body.put("typeCode", typeCode);
    return hub.post("/clients/" + client + "/pathways", body);
  }

  private static void completeAllStepsOf(String pathway, String code, String outcomeStep) {
    PathwayDescriptor descriptor = PathwayCatalog.standard().find(code).orElseThrow();
    int daysAgo = descriptor.steps().size();
    for (var step : descriptor.steps()) {
      hub.step(pathway, step.code(), TODAY.minusDays(daysAgo--), Map.of(),
          step.evidenceRequired() ? RunningHub.evidence() : null);
    }
    assertThat(descriptor.outcomeStep()).isEqualTo(outcomeStep);
  }

  private static List<String> fields(RunningHub.Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    return response.json().path("errors").findValuesAsText("field");
  }

  private static JsonNode find(JsonNode catalog, String code) {
    for (JsonNode definition : catalog) {
      if (definition.path("code").asText().equals(code)) return definition;
    }
    throw new AssertionError("no definition " + code + " in " + catalog);
  }

  private static String text(JsonNode node) {
    return node.isNull() || node.isMissingNode() ? null : node.asText();
  }
}
