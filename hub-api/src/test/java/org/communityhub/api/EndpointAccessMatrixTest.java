package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.communityhub.rules.Decision;
import org.communityhub.rules.DefaultRulePackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP endpoint, discovered from the handler mappings (a new endpoint without a row here fails the
 * build), called by every kind of caller on objects of agency A:
 * <ul>
 *   <li>the matrix: no token 401; a role the endpoint is not for 403; another agency's object 404 (as if it
 *       did not exist); otherwise the endpoint's success status;</li>
 *   <li>the leak check: no answer to a caller of one agency contains the other agency's marker client (its
 *       name, client id or pathway id), and no answer to a funder contains either;</li>
 *   <li>the audit check: every call left an audit event with its path, status and caller.</li>
 * </ul>
 */
@SharedRunningHub
class EndpointAccessMatrixTest {

  private static final LocalDate TODAY = RunningHub.today();
  /** Infrastructure, not API: the error page and the API description (public, no client data). */
  private static final Set<String> NOT_API = Set.of("/error", "/v3/api-docs", "/v3/api-docs.yaml",
      "/v3/api-docs/swagger-config", "/v3/api-docs/{group}", "/v3/api-docs.yaml/{group}");

  /** PARTNER: a partner's system with no consent of marker A's or B's client (to it, both are another agency's). */
  enum Caller { ANONYMOUS, CHW_A, SUPERVISOR_A, CHW_B, SUPERVISOR_B, HUB_ADMIN, FUNDER, PARTNER }

  private static final Set<Caller> CARE_TEAM = EnumSet.of(Caller.CHW_A, Caller.SUPERVISOR_A, Caller.CHW_B,
      Caller.SUPERVISOR_B);
  private static final Set<Caller> CARE_TEAM_AND_ADMIN = union(CARE_TEAM, EnumSet.of(Caller.HUB_ADMIN));
  private static final Set<Caller> ADMIN = EnumSet.of(Caller.HUB_ADMIN);
  private static final Set<Caller> SUPERVISORS_AND_ADMIN = EnumSet.of(Caller.SUPERVISOR_A, Caller.SUPERVISOR_B,
      Caller.HUB_ADMIN);
  private static final Set<Caller> FUNDER_AND_ADMIN = EnumSet.of(Caller.FUNDER, Caller.HUB_ADMIN);
  private static final Set<Caller> CARE_TEAM_ADMIN_AND_PARTNER = union(CARE_TEAM_AND_ADMIN, EnumSet.of(Caller.PARTNER));
  private static final Set<Caller> SUPERVISORS = EnumSet.of(Caller.SUPERVISOR_A, Caller.SUPERVISOR_B);
  /** The pathway catalog holds no client data: every signed-in member may read it. */
  private static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));

  /** One row per endpoint: who may call it, whether its object belongs to an agency, and a request on A's. */
  record Endpoint(String method, String pattern, Set<Caller> allowed, boolean agencyScoped, int success,
      Supplier<Call> call) {

    String key() {
      return method + " " + pattern;
    }
  }

  record Call(String path, Object body, Map<String, String> headers) {}

  /** A body sent as multipart/form-data, one file per part. */
  record Files(Map<String, byte[]> parts) {}

  static RunningHub hub;
  static final Map<Caller, String> tokens = new LinkedHashMap<>();
  static Marker markerA;
  static Marker markerB;
  static String agencyB;
  /** The payer whose funder the FUNDER caller is. */
  static String fundersPayer;
  static String partnerAgency;

  /** A client per agency whose name, id and pathway id must never reach a caller of the other agency. */
  record Marker(String familyName, String clientId, String pathwayId) {

    List<String> traces() {
      return List.of(familyName, clientId, pathwayId);
    }
  }

  @BeforeAll
  static void twoAgenciesWithTheirMarkers() {
    agencyB = hub.createAgency("Agency B " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    fundersPayer = ContractFixtures.newPayer(hub);
    String payerAgency = hub.createAgency("Health plan " + fundersPayer, "PAYER", fundersPayer);
    tokens.put(Caller.CHW_A, hub.chwToken());
    tokens.put(Caller.SUPERVISOR_A, hub.createMemberAndLogin("sup-a-" + Personas.unique(), "SUPERVISOR",
        RunningHub.DEFAULT_AGENCY));
    tokens.put(Caller.CHW_B, hub.createMemberAndLogin("chw-b-" + Personas.unique(), "CHW", agencyB));
    tokens.put(Caller.SUPERVISOR_B, hub.createMemberAndLogin("sup-b-" + Personas.unique(), "SUPERVISOR", agencyB));
    tokens.put(Caller.HUB_ADMIN, hub.adminToken());
    tokens.put(Caller.FUNDER, hub.createMemberAndLogin("funder-" + Personas.unique(), "FUNDER", payerAgency));
    partnerAgency = hub.createAgency("Partner " + Personas.unique(), "PARTNER", null);
    tokens.put(Caller.PARTNER, hub.createMemberAndLogin("partner-" + Personas.unique(), "PARTNER", partnerAgency));
    markerA = marker(Caller.CHW_A, "Markeraaa");
    markerB = marker(Caller.CHW_B, "Markerbbb");
  }

  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("POST", "/auth/token", EnumSet.allOf(Caller.class), false, 200,
            () -> new Call("/auth/token", Map.of("username", "admin", "password", adminPassword()), Map.of())),
        new Endpoint("POST", "/clients", CARE_TEAM, false, 201,
            () -> new Call("/clients", Personas.foodInsecureClient(), Map.of())),
        new Endpoint("GET", "/clients/{clientId}", CARE_TEAM_AND_ADMIN, true, 200,
            () -> new Call("/clients/" + markerA.clientId(), null, Map.of())),
        new Endpoint("POST", "/clients/{clientId}/assignment", SUPERVISORS_AND_ADMIN, true, 200,
            () -> new Call("/clients/" + markerA.clientId() + "/assignment",
                Map.of("userId", RunningHub.memberIdOf(tokens.get(Caller.CHW_A))), Map.of())),
        new Endpoint("POST", "/clients/{clientId}/checklists", CARE_TEAM, true, 201,
            () -> new Call("/clients/" + markerA.clientId() + "/checklists",
                Personas.initialChecklistOfPregnantClientWithUnstableHousing(), Map.of())),
        new Endpoint("POST", "/clients/{clientId}/pathways", CARE_TEAM, true, 201,
            () -> new Call("/clients/" + freshClientOfA() + "/pathways", Map.of("pathwayCode", "HOUSING"), Map.of())),
        new Endpoint("GET", "/pathways/{pathwayId}", CARE_TEAM_AND_ADMIN, true, 200,
            () -> new Call("/pathways/" + markerA.pathwayId(), null, Map.of())),
        new Endpoint("POST", "/pathways/{pathwayId}/steps", CARE_TEAM, true, 201,
            () -> new Call("/pathways/" + freshPathwayOfA() + "/steps",
                RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY, Map.of(), null),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()))),
        new Endpoint("POST", "/pathways/{pathwayId}/close", CARE_TEAM, true, 202,
            () -> new Call("/pathways/" + freshPathwayOfA() + "/close", Map.of("reason", "CLIENT_DECLINED"),
                RunningHub.newKey())),
        new Endpoint("GET", "/pathway-definitions", SIGNED_IN, false, 200,
            () -> new Call("/pathway-definitions", null, Map.of())),
        new Endpoint("GET", "/pathway-definitions/{code}", SIGNED_IN, false, 200,
            () -> new Call("/pathway-definitions/HOUSING", null, Map.of())),
        new Endpoint("GET", "/pathway-definitions/{code}/bpmn", SIGNED_IN, false, 200,
            () -> new Call("/pathway-definitions/HOUSING/bpmn", null, Map.of())),
        new Endpoint("GET", "/reports/payments", FUNDER_AND_ADMIN, false, 200,
            () -> new Call("/reports/payments?payer=" + fundersPayer + "&from=" + TODAY.minusDays(30) + "&to=" + TODAY,
                null, Map.of())),
        new Endpoint("POST", "/admin/agencies", ADMIN, false, 201,
            () -> new Call("/admin/agencies", Map.of("name", "Agency " + Personas.unique(),
                "kind", "CARE_COORDINATION_AGENCY"), Map.of())),
        new Endpoint("GET", "/admin/agencies/{agencyId}", ADMIN, false, 200,
            () -> new Call("/admin/agencies/" + RunningHub.DEFAULT_AGENCY, null, Map.of())),
        new Endpoint("POST", "/admin/users", ADMIN, false, 201,
            () -> new Call("/admin/users", newMember(), Map.of())),
        new Endpoint("GET", "/admin/users", ADMIN, false, 200, () -> new Call("/admin/users", null, Map.of())),
        new Endpoint("POST", "/admin/users/{userId}/deactivate", ADMIN, false, 200,
            () -> new Call("/admin/users/" + freshMemberId() + "/deactivate", Map.of(), Map.of())),
        new Endpoint("POST", "/admin/clients/{clientId}/transfer", ADMIN, false, 200,
            () -> new Call("/admin/clients/" + freshClientOfA() + "/transfer",
                Map.of("agencyId", agencyB, "reason", "The client moved to the east side"), Map.of())),
        new Endpoint("POST", "/admin/clients/{clientId}/merges", ADMIN, false, 201,
            () -> new Call("/admin/clients/" + freshClientOfA() + "/merges",
                Map.of("duplicateId", freshClientOfAWithoutMedicaidId(), "reason", "Registered twice"), Map.of())),
        new Endpoint("GET", "/admin/clients/{clientId}/merges/{mergeId}", ADMIN, false, 200,
            () -> new Call(freshMergeProposal(), null, Map.of())),
        new Endpoint("POST", "/admin/clients/{clientId}/merges/{mergeId}/confirm", ADMIN, false, 200,
            () -> new Call(freshMergeProposal() + "/confirm", Map.of(), Map.of())),
        new Endpoint("POST", "/admin/pathway-definitions", ADMIN, false, 200,
            () -> new Call("/admin/pathway-definitions", new Files(Map.of(
                "descriptor", classpathFile("pathways/food-security.json"),
                "bpmn", classpathFile("pathways/food-security.bpmn"))), Map.of())),
        new Endpoint("GET", "/checklist-definitions", SIGNED_IN, false, 200,
            () -> new Call("/checklist-definitions", null, Map.of())),
        new Endpoint("GET", "/checklist-definitions/{kind}", SIGNED_IN, false, 200,
            () -> new Call("/checklist-definitions/PREGNANCY", null, Map.of())),
        new Endpoint("POST", "/admin/checklist-definitions", ADMIN, false, 200,
            () -> new Call("/admin/checklist-definitions", standardChecklist("ADULT"), Map.of())),
        new Endpoint("GET", "/admin/audit", ADMIN, false, 200,
            () -> new Call("/admin/audit?limit=5", null, Map.of())),
        new Endpoint("POST", "/admin/rule-packages/{decision}", ADMIN, false, 201,
            () -> new Call("/admin/rule-packages/eligibility",
                Map.of("drl", DefaultRulePackages.drl(Decision.ELIGIBILITY)), Map.of())),
        new Endpoint("GET", "/admin/rule-packages/{decision}", ADMIN, false, 200,
            () -> new Call("/admin/rule-packages/risk", null, Map.of())),
        new Endpoint("GET", "/admin/rule-packages/{decision}/{version}", ADMIN, false, 200,
            () -> new Call("/admin/rule-packages/risk/" + DefaultRulePackages.VERSION, null, Map.of())),
        // Activating the version in force changes nothing: the other rows keep deciding as they expect.
        new Endpoint("POST", "/admin/rule-packages/{decision}/{version}/activate", ADMIN, false, 200,
            () -> new Call("/admin/rule-packages/risk/" + DefaultRulePackages.VERSION + "/activate", Map.of(), Map.of())),
        new Endpoint("POST", "/admin/rule-packages/{decision}/{version}/dry-run", ADMIN, false, 200,
            () -> new Call("/admin/rule-packages/payment/" + DefaultRulePackages.VERSION + "/dry-run",
                Map.of("events", List.of(Map.of("pathwayCode", "HOUSING", "stepCode", "MOVED_IN")),
                    "period", Map.of("from", TODAY.toString(), "to", TODAY.toString())), Map.of())),
        new Endpoint("POST", "/admin/payers", ADMIN, false, 201,
            () -> new Call("/admin/payers", Map.of("code", "PAYER_" + Personas.unique().toUpperCase(),
                "name", "A health plan"), Map.of())),
        new Endpoint("POST", "/admin/payer-contracts", ADMIN, false, 201,
            () -> new Call("/admin/payer-contracts", ContractFixtures.housingContract(
                ContractFixtures.newPayer(hub), TODAY, null, false, 10_000), Map.of())),
        new Endpoint("GET", "/admin/payer-contracts", ADMIN, false, 200,
            () -> new Call("/admin/payer-contracts?payer=STATE_MEDICAID", null, Map.of())),
        new Endpoint("GET", "/admin/payer-contracts/{contractId}", ADMIN, false, 200,
            () -> new Call("/admin/payer-contracts/" + DEFAULT_CONTRACT, null, Map.of())),
        new Endpoint("POST", "/admin/payer-contracts/{contractId}/end", ADMIN, false, 200,
            () -> new Call("/admin/payer-contracts/" + ContractFixtures.createContract(hub,
                ContractFixtures.housingContract(ContractFixtures.newPayer(hub), TODAY, null, false, 10_000))
                + "/end", Map.of("effectiveTo", TODAY.plusYears(1).toString()), Map.of())),
        new Endpoint("GET", "/admin/unpriced-milestones", ADMIN, false, 200,
            () -> new Call("/admin/unpriced-milestones?payer=STATE_MEDICAID", null, Map.of())),
        new Endpoint("GET", "/outcome-approvals", SUPERVISORS_AND_ADMIN, false, 200,
            () -> new Call("/outcome-approvals", null, Map.of())),
        new Endpoint("POST", "/pathways/{pathwayId}/outcome-approval", SUPERVISORS_AND_ADMIN, true, 200,
            () -> new Call("/pathways/" + pathwayOfAAwaitingApproval() + "/outcome-approval", Map.of(), Map.of())),
        new Endpoint("GET", "/admin/outbox", ADMIN, false, 200, () -> new Call("/admin/outbox", null, Map.of())),
        new Endpoint("GET", "/admin/outbox/dead-letters", ADMIN, false, 200,
            () -> new Call("/admin/outbox/dead-letters?limit=5", null, Map.of())),
        new Endpoint("POST", "/admin/outbox/dead-letters/{id}/retry", ADMIN, false, 200,
            () -> new Call("/admin/outbox/dead-letters/" + freshDeadLetter() + "/retry", Map.of(), Map.of())),
        // A rebuild of one pathway of A: it is handed over to a new process instance, which readers never see.
        new Endpoint("POST", "/admin/engine/rebuilds", ADMIN, false, 202,
            () -> new Call("/admin/engine/rebuilds", Map.of("pathwayIds", List.of(markerA.pathwayId())), Map.of())),
        new Endpoint("GET", "/admin/engine/rebuilds/{id}", ADMIN, false, 200,
            () -> new Call("/admin/engine/rebuilds/" + finishedRebuild(), null, Map.of())),
        new Endpoint("GET", "/reports/outcomes", FUNDER_AND_ADMIN, false, 200,
            () -> new Call("/reports/outcomes?payer=" + fundersPayer + "&from=" + TODAY.minusDays(30) + "&to=" + TODAY,
                null, Map.of())),
        new Endpoint("POST", "/clients/{clientId}/contacts", CARE_TEAM, true, 201,
            () -> new Call("/clients/" + markerA.clientId() + "/contacts",
                Map.of("kind", "VISIT", "occurredAt", java.time.Instant.now().minusSeconds(3600).toString()),
                RunningHub.newKey())),
        new Endpoint("GET", "/clients/{clientId}/contacts", CARE_TEAM_AND_ADMIN, true, 200,
            () -> new Call("/clients/" + markerA.clientId() + "/contacts", null, Map.of())),
        new Endpoint("GET", "/worklist", CARE_TEAM, false, 200, () -> new Call("/worklist", null, Map.of())),
        new Endpoint("GET", "/payers/{payer}/statements", FUNDER_AND_ADMIN, false, 200,
            () -> new Call("/payers/" + fundersPayer + "/statements", null, Map.of())),
        new Endpoint("GET", "/payers/{payer}/statements/{month}", FUNDER_AND_ADMIN, false, 200,
            () -> new Call("/payers/" + fundersPayer + "/statements/" + java.time.YearMonth.from(TODAY).minusMonths(1),
                null, Map.of())),
        new Endpoint("POST", "/admin/payers/{payer}/statements/{month}/close", ADMIN, false, 200,
            () -> new Call(lastMonthsStatementOfAFreshPayer() + "/close", Map.of(), RunningHub.newKey())),
        new Endpoint("POST", "/admin/payers/{payer}/statements/{month}/member-export", ADMIN, false, 200,
            () -> new Call(closedStatementOfAFreshPayer() + "/member-export", Map.of("reason", "Claims matching"),
                Map.of())),
        // Voiding a fresh step of A (a fresh one per call: a step is voided once).
        new Endpoint("POST", "/steps/{stepId}/void", SUPERVISORS_AND_ADMIN, true, 200,
            () -> new Call("/steps/" + freshStepOfA() + "/void", Map.of("reason", "Entered on the wrong client"),
                RunningHub.newKey())),
        new Endpoint("GET", "/fhir/Patient/{id}", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/Patient/" + markerA.clientId(), null, Map.of())),
        new Endpoint("GET", "/fhir/Condition/{id}", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/Condition/" + fhirIdOfA("Condition"), null, Map.of())),
        new Endpoint("GET", "/fhir/Condition", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/Condition?patient=" + markerA.clientId(), null, Map.of())),
        new Endpoint("GET", "/fhir/Goal/{id}", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/Goal/" + markerA.pathwayId(), null, Map.of())),
        new Endpoint("GET", "/fhir/Goal", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/Goal?patient=Patient/" + markerA.clientId(), null, Map.of())),
        new Endpoint("GET", "/fhir/QuestionnaireResponse/{id}", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/QuestionnaireResponse/" + fhirIdOfA("QuestionnaireResponse"), null, Map.of())),
        new Endpoint("GET", "/fhir/QuestionnaireResponse", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/QuestionnaireResponse?patient=" + markerA.clientId(), null, Map.of())),
        new Endpoint("GET", "/fhir/ServiceRequest/{id}", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/ServiceRequest/" + markerA.pathwayId(), null, Map.of())),
        new Endpoint("GET", "/fhir/ServiceRequest", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/ServiceRequest?patient=" + markerA.clientId(), null, Map.of())),
        new Endpoint("GET", "/fhir/Task/{id}", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/Task/" + markerA.pathwayId(), null, Map.of())),
        new Endpoint("GET", "/fhir/Task", CARE_TEAM_ADMIN_AND_PARTNER, true, 200,
            () -> new Call("/fhir/Task?patient=" + markerA.clientId() + "&_lastUpdated=ge2020-01-01", null, Map.of())),
        new Endpoint("POST", "/fhir/Task", EnumSet.of(Caller.PARTNER), false, 201,
            () -> new Call("/fhir/Task", FhirReferralsAndConsentTest.referral(Personas.foodInsecureClient(), "HOUSING"),
                Map.of())),
        new Endpoint("GET", "/referrals", SUPERVISORS_AND_ADMIN, false, 200,
            () -> new Call("/referrals", null, Map.of())),
        new Endpoint("POST", "/referrals/{referralId}/accept", SUPERVISORS, true, 200,
            () -> new Call("/referrals/" + freshReferralToA() + "/accept", Map.of(), Map.of())),
        new Endpoint("POST", "/referrals/{referralId}/reject", SUPERVISORS_AND_ADMIN, true, 200,
            () -> new Call("/referrals/" + freshReferralToA() + "/reject", Map.of("reason", "Outside our area"),
                Map.of())),
        new Endpoint("POST", "/clients/{clientId}/consents", CARE_TEAM, true, 201,
            () -> new Call("/clients/" + freshClientOfA() + "/consents", Map.of("partnerAgencyId", partnerAgency,
                "categories", List.of("SOCIAL_CARE"), "validFrom", TODAY.toString()), Map.of())),
        new Endpoint("GET", "/clients/{clientId}/consents", CARE_TEAM_AND_ADMIN, true, 200,
            () -> new Call("/clients/" + markerA.clientId() + "/consents", null, Map.of())),
        new Endpoint("POST", "/clients/{clientId}/consents/{consentId}/revoke", CARE_TEAM, true, 200,
            () -> new Call(freshConsentOfA() + "/revoke", Map.of("reason", "The client withdrew it"), Map.of())));
  }

  /** A referral a partner sent to agency A, pending. */
  private static String freshReferralToA() {
    RunningHub.Response posted = hub.as(tokens.get(Caller.PARTNER), () -> hub.post("/fhir/Task",
        FhirReferralsAndConsentTest.referral(Personas.foodInsecureClient(), "FOOD_SECURITY")));
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    return posted.json().path("id").asText();
  }

  /** The path of a consent a fresh client of A gave the partner (another partner's than the matrix caller's). */
  private static String freshConsentOfA() {
    String client = freshClientOfA();
    String otherPartner = hub.createAgency("Partner " + Personas.unique(), "PARTNER", null);
    RunningHub.Response given = hub.as(tokens.get(Caller.CHW_A), () -> hub.post("/clients/" + client + "/consents",
        Map.of("partnerAgencyId", otherPartner, "categories", List.of("SOCIAL_CARE"), "validFrom", TODAY.toString())));
    assertThat(given.status()).as(given.toString()).isEqualTo(201);
    return given.headers().get("location");
  }

  /** The id of the first FHIR resource of this kind in marker A's record (its checklist's, its Condition's). */
  private static String fhirIdOfA(String kind) {
    RunningHub.Response found = hub.as(tokens.get(Caller.CHW_A),
        () -> hub.get("/fhir/" + kind + "?patient=" + markerA.clientId()));
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    return found.json().path("entry").get(0).path("resource").path("id").asText();
  }

  /** A step recorded by a CHW of A on a fresh pathway of A. */
  private static String freshStepOfA() {
    String pathway = freshPathwayOfA();
    RunningHub.Response recorded = hub.as(tokens.get(Caller.CHW_A), () -> hub.post("/pathways/" + pathway
        + "/steps", RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY, Map.of(), null), RunningHub.newKey()));
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    return recorded.json().path("id").asText();
  }

  /** A rebuild as one that finished leaves it. EngineRebuildTest runs real ones. */
  private static String finishedRebuild() {
    return hub.jdbc().sql("""
            insert into engine_rebuild (id, requested_by, status, phase, started_at, finished_at)
            values (gen_random_uuid(), 'admin', 'FINISHED', 'DONE', now(), now())
            returning id""")
        .query(String.class).single();
  }

  /** The admin path of last month's (empty) statement of a new payer. */
  private static String lastMonthsStatementOfAFreshPayer() {
    return "/admin/payers/" + ContractFixtures.newPayer(hub) + "/statements/"
        + java.time.YearMonth.from(TODAY).minusMonths(1);
  }

  /** The same, closed by the administrator. */
  private static String closedStatementOfAFreshPayer() {
    String statement = lastMonthsStatementOfAFreshPayer();
    RunningHub.Response closed = hub.as(tokens.get(Caller.HUB_ADMIN),
        () -> hub.post(statement + "/close", Map.of(), RunningHub.newKey()));
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    return statement;
  }

  /**
   * A dead outbox row, as the delivery leaves one after the engine's last refusal: a message to no pathway,
   * which the engine accepts once retried (it expires unheard). EngineOutageTest makes real ones.
   */
  private static long freshDeadLetter() {
    String nobody = UUID.randomUUID().toString();
    Map<String, Object> command = Map.of("kind", "PUBLISH_MESSAGE", "messageName", "Matrix_Probe",
        "correlationKey", nobody, "messageId", nobody, "aliveUntil", java.time.Instant.now().toString(),
        "variables", Map.of());
    String payload;
    try {
      payload = RunningHub.JSON.writeValueAsString(command);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return hub.jdbc().sql("""
            insert into outbox (pathway_id, kind, payload, created_at, next_attempt_at, attempts, refusals,
                                last_error, first_attempt_at, last_attempt_at, dead_at)
            values (?, 'PUBLISH_MESSAGE', cast(? as jsonb), now(), now(), 20, 20, 'refused by the engine',
                    now(), now(), now())
            returning id""")
        .params(UUID.fromString(nobody), payload).query(Long.class).single();
  }

  @Test
  void everyEndpointHasARowInTheMatrix() {
    Set<String> discovered = new TreeSet<>();
    hub.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet().forEach(mapping ->
        mapping.getPathPatternsCondition().getPatternValues().forEach(pattern -> {
          if (!NOT_API.contains(pattern)) {
            mapping.getMethodsCondition().getMethods().forEach(method -> discovered.add(method.name() + " " + pattern));
          }
        }));
    Set<String> inTheMatrix = new TreeSet<>(endpoints().stream().map(Endpoint::key).toList());
    assertThat(inTheMatrix).as("endpoints of the application vs rows of the matrix").isEqualTo(discovered);
  }

  @TestFactory
  Stream<DynamicTest> everyCallerOnEveryEndpoint() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      for (Caller caller : Caller.values()) {
        tests.add(DynamicTest.dynamicTest(endpoint.key() + " as " + caller, () -> check(endpoint, caller)));
      }
    }
    return tests.stream();
  }

  private static void check(Endpoint endpoint, Caller caller) {
    Call call = endpoint.call().get();
    long auditedBefore = audited(call.path());
    RunningHub.Response response = hub.as(tokens.get(caller), () -> endpoint.method().equals("GET")
        ? hub.get(call.path())
        : call.body() instanceof Files files ? hub.postMultipart(call.path(), files.parts())
        : hub.post(call.path(), call.body(), call.headers()));

    assertThat(response.status()).as(response.toString()).isEqualTo(expectedStatus(endpoint, caller));
    if (response.status() >= 400) {
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
    String asked = call.path() + " " + (call.body() == null ? "" : call.body().toString());
    for (Marker hidden : hiddenFrom(caller)) {
      // An id the caller sent may come back in the refusal; anything else of the marker may not.
      String[] traces = hidden.traces().stream().filter(trace -> !asked.contains(trace)).toArray(String[]::new);
      assertThat(response.body()).as("%s must not see %s", caller, hidden).doesNotContain(traces);
    }
    assertThat(audited(call.path())).as("an audit event for this call").isGreaterThan(auditedBefore);
  }

  private static int expectedStatus(Endpoint endpoint, Caller caller) {
    if (endpoint.key().equals("POST /auth/token")) {
      return endpoint.success(); // public: the credentials in the body decide
    }
    if (caller == Caller.ANONYMOUS) {
      return 401;
    }
    if (!endpoint.allowed().contains(caller)) {
      return 403;
    }
    boolean otherAgency = caller == Caller.CHW_B || caller == Caller.SUPERVISOR_B || caller == Caller.PARTNER;
    return endpoint.agencyScoped() && otherAgency ? 404 : endpoint.success();
  }

  private static List<Marker> hiddenFrom(Caller caller) {
    return switch (caller) {
      case CHW_A, SUPERVISOR_A -> List.of(markerB);
      case CHW_B, SUPERVISOR_B -> List.of(markerA);
      case FUNDER, ANONYMOUS, PARTNER -> List.of(markerA, markerB);
      case HUB_ADMIN -> List.of();
    };
  }

  private static long audited(String path) {
    String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return hub.jdbc().sql("select count(*) from audit_event where path = ?").param(withoutQuery)
        .query(Long.class).single();
  }

  private static Marker marker(Caller chw, String familyName) {
    return hub.as(tokens.get(chw), () -> {
      Map<String, Object> registration = Personas.registration("Ana", familyName, LocalDate.of(1990, 5, 5));
      String client = hub.register(registration);
      hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
      return new Marker(familyName, client, hub.open(client, "HOUSING", Map.of()));
    });
  }

  private static String freshClientOfA() {
    return hub.as(tokens.get(Caller.CHW_A), () -> {
      String client = hub.register(Personas.pregnantClientWithUnstableHousing());
      hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
      return client;
    });
  }

  /** A standard checklist as the HUB serves it: publishing it again publishes nothing new (200). */
  private static Object standardChecklist(String kind) {
    return hub.as(tokens.get(Caller.HUB_ADMIN), () -> hub.get("/checklist-definitions/" + kind)).json()
        .path("definition");
  }

  /** A file of the standard catalog: uploading it again publishes nothing new (200). */
  private static byte[] classpathFile(String path) {
    try (var in = EndpointAccessMatrixTest.class.getClassLoader().getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String freshClientOfAWithoutMedicaidId() {
    Map<String, Object> registration = Personas.foodInsecureClient();
    registration.remove("medicaidId");
    return hub.as(tokens.get(Caller.CHW_A), () -> hub.register(registration));
  }

  /** The path of a merge proposed (not confirmed) for two fresh clients of agency A. */
  private static String freshMergeProposal() {
    String survivor = freshClientOfA();
    String duplicate = freshClientOfAWithoutMedicaidId();
    RunningHub.Response proposed = hub.as(tokens.get(Caller.HUB_ADMIN), () -> hub.post(
        "/admin/clients/" + survivor + "/merges", Map.of("duplicateId", duplicate, "reason", "Registered twice")));
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    return proposed.headers().get("location");
  }

  private static String freshPathwayOfA() {
    String client = freshClientOfA();
    return hub.as(tokens.get(Caller.CHW_A), () -> hub.open(client, "HOUSING", Map.of()));
  }

  /** The seeded default contract of STATE_MEDICAID. */
  private static final String DEFAULT_CONTRACT = "00000000-0000-0000-0000-0000000000c1";
  private static String pathwayAwaitingApproval;

  /** A completed pathway of A whose outcome waits for approval (approving again answers 200 too). */
  private static synchronized String pathwayOfAAwaitingApproval() {
    if (pathwayAwaitingApproval == null) {
      String payer = ContractFixtures.newPayer(hub);
      ContractFixtures.createContract(hub, ContractFixtures.housingContract(payer, TODAY.minusDays(30), null, true,
          20_000));
      pathwayAwaitingApproval = hub.as(tokens.get(Caller.CHW_A),
          () -> ContractFixtures.housingCompletedOn(hub, payer, TODAY));
    }
    return pathwayAwaitingApproval;
  }

  private static Map<String, Object> newMember() {
    return Map.of("username", "member-" + Personas.unique(), "password", "pw-" + UUID.randomUUID(),
        "role", "CHW", "agencyId", RunningHub.DEFAULT_AGENCY);
  }

  private static String freshMemberId() {
    return hub.as(hub.adminToken(), () -> hub.post("/admin/users", newMember())).json().path("id").asText();
  }

  private static String adminPassword() {
    try {
      return java.nio.file.Files.readString(hub.dataDir().resolve("initial-admin-password")).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Set<Caller> union(Set<Caller> left, Set<Caller> right) {
    Set<Caller> both = EnumSet.copyOf(left);
    both.addAll(right);
    return both;
  }
}
