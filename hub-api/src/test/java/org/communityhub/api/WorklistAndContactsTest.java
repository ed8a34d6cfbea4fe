package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contacts and the worklist, in an agency of the test's own. CHW one has three clients: housing (visited two
 * days ago), a pregnancy due 55 days ago (its time limit in 5 days; last reached by a call 40 days ago, an
 * attempt yesterday) and employment (the job started 45 days ago, so the verification due 30 days after it is
 * overdue; never contacted). CHW two has one housing client; another agency has one too.
 */
@SharedRunningHub
class WorklistAndContactsTest {

  private static final LocalDate TODAY = RunningHub.today();

  static RunningHub hub;
  static String agency;
  static String chwOne;
  static String chwTwo;
  static String supervisor;
  static String otherChw;
  static String housingClient;
  static String housing;
  static String pregnancyClient;
  static String pregnancy;
  static String employmentClient;
  static String employment;
  static String secondChwsHousing;
  static String otherAgencysClient;
  static String otherAgencysHousing;

  @BeforeAll
  static void anAgencyWithTwoCaseloads() {
    agency = hub.createAgency("Worklist Agency " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    chwOne = hub.createMemberAndLogin("chw-one-" + Personas.unique(), "CHW", agency);
    chwTwo = hub.createMemberAndLogin("chw-two-" + Personas.unique(), "CHW", agency);
    supervisor = hub.createMemberAndLogin("sup-" + Personas.unique(), "SUPERVISOR", agency);
    String otherAgency = hub.createAgency("Other Agency " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    otherChw = hub.createMemberAndLogin("chw-other-" + Personas.unique(), "CHW", otherAgency);

    hub.as(chwOne, () -> {
      housingClient = pregnantClient();
      housing = hub.open(housingClient, "HOUSING", Map.of());
      contact(housingClient, "VISIT", Instant.now().minus(2, ChronoUnit.DAYS));

      pregnancyClient = pregnantClient();
      pregnancy = hub.open(pregnancyClient, "PREGNANCY", Map.of("estimatedDueDate", TODAY.minusDays(55).toString()));
      contact(pregnancyClient, "CALL", Instant.now().minus(40, ChronoUnit.DAYS));
      contact(pregnancyClient, "ATTEMPT", Instant.now().minus(1, ChronoUnit.DAYS));

      employmentClient = hub.register(Personas.foodInsecureClient());
      hub.post("/clients/" + employmentClient + "/checklists",
          Personas.initialChecklist(Map.of("unemployed_seeking_work", "yes")));
      employment = hub.open(employmentClient, "EMPLOYMENT", Map.of());
      hub.step(employment, "EMPLOYMENT_NEEDS_ASSESSED", TODAY.minusDays(60), Map.of(), null);
      hub.step(employment, "JOB_APPLICATION_SUBMITTED", TODAY.minusDays(50), Map.of(), null);
      hub.step(employment, "JOB_STARTED", TODAY.minusDays(45),
          Map.of("jobStartDate", TODAY.minusDays(45).toString()), RunningHub.evidence());
      return null;
    });
    hub.as(chwTwo, () -> secondChwsHousing = hub.open(pregnantClient(), "HOUSING", Map.of()));
    hub.as(otherChw, () -> {
      otherAgencysClient = pregnantClient();
      otherAgencysHousing = hub.open(otherAgencysClient, "HOUSING", Map.of());
      return null;
    });
  }

  private static String pregnantClient() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return client;
  }

  private static void contact(String client, String kind, Instant at) {
    RunningHub.Response recorded = hub.post("/clients/" + client + "/contacts",
        Map.of("kind", kind, "occurredAt", at.toString(), "note", "outreach"), RunningHub.newKey());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
  }

  @Test
  void aChwSeesTheirOwnClientsPathwaysMostUrgentFirst() {
    JsonNode worklist = hub.as(chwOne, () -> hub.get("/worklist")).json();

    assertThat(texts(worklist.path("pathways"), "pathwayId")).containsExactly(employment, pregnancy, housing);
    JsonNode overdue = worklist.path("pathways").get(0);
    assertThat(overdue.path("nextStep").path("code").asText()).isEqualTo("EMPLOYMENT_VERIFIED");
    assertThat(overdue.path("nextStep").path("notBefore").asText()).isEqualTo(TODAY.minusDays(15).toString());
    assertThat(overdue.path("dueOn").asText()).isEqualTo(TODAY.minusDays(15).toString());
    assertThat(overdue.path("overdue").asBoolean()).isTrue();
    assertThat(overdue.path("closeToTimeLimit").asBoolean()).isFalse();

    JsonNode closeToLimit = worklist.path("pathways").get(1);
    assertThat(closeToLimit.path("nextStep").path("code").asText()).isEqualTo("PRENATAL_CARE_PROVIDER_CHOSEN");
    assertThat(closeToLimit.path("timeLimit").asText()).isEqualTo(TODAY.plusDays(5).toString());
    assertThat(closeToLimit.path("daysToTimeLimit").asLong()).isEqualTo(5);
    assertThat(closeToLimit.path("closeToTimeLimit").asBoolean()).isTrue();
    assertThat(closeToLimit.path("overdue").asBoolean()).isFalse();

    JsonNode onTrack = worklist.path("pathways").get(2);
    assertThat(onTrack.path("nextStep").path("code").asText()).isEqualTo("APPLICATION_SUBMITTED");
    assertThat(onTrack.path("nextStep").path("notBefore").isNull()).isTrue();
    assertThat(onTrack.path("dueOn").asText()).isEqualTo(onTrack.path("timeLimit").asText());
    assertThat(onTrack.path("overdue").asBoolean()).isFalse();
    assertThat(onTrack.path("closeToTimeLimit").asBoolean()).isFalse();

    assertThat(texts(worklist.path("clientsWithoutContact"), "clientId"))
        .as("never reached first, then reached 40 days ago (an attempt is no contact)")
        .containsExactly(employmentClient, pregnancyClient);
    assertThat(worklist.path("clientsWithoutContact").get(0).path("lastContactAt").isNull()).isTrue();
    assertThat(worklist.path("counts").path("clients").asLong()).isEqualTo(3);
    assertThat(worklist.path("counts").path("openPathways").asLong()).isEqualTo(3);
    assertThat(worklist.path("counts").path("overdue").asLong()).isEqualTo(1);
    assertThat(worklist.path("counts").path("closeToTimeLimit").asLong()).isEqualTo(1);
    assertThat(worklist.path("counts").path("clientsWithoutContact").asLong()).isEqualTo(2);
    assertThat(worklist.path("caseloads").isNull()).as("caseloads are for supervisors").isTrue();
  }

  @Test
  void aSupervisorSeesTheWholeAgencyWithACaseloadPerChw() {
    JsonNode worklist = hub.as(supervisor, () -> hub.get("/worklist")).json();

    assertThat(texts(worklist.path("pathways"), "pathwayId"))
        .containsExactlyInAnyOrder(employment, pregnancy, housing, secondChwsHousing);
    assertThat(worklist.path("counts").path("openPathways").asLong()).isEqualTo(4);
    assertThat(worklist.path("counts").path("clientsWithoutContact").asLong()).isEqualTo(3);
    Map<String, JsonNode> caseloads = new java.util.HashMap<>();
    worklist.path("caseloads").forEach(caseload -> caseloads.put(caseload.path("userId").asText(), caseload));
    assertThat(caseloads.keySet()).containsExactlyInAnyOrder(RunningHub.memberIdOf(chwOne),
        RunningHub.memberIdOf(chwTwo));
    JsonNode one = caseloads.get(RunningHub.memberIdOf(chwOne));
    assertThat(List.of(one.path("clients").asLong(), one.path("openPathways").asLong(), one.path("overdue").asLong(),
        one.path("closeToTimeLimit").asLong(), one.path("clientsWithoutContact").asLong()))
        .containsExactly(3L, 3L, 1L, 1L, 2L);
    JsonNode two = caseloads.get(RunningHub.memberIdOf(chwTwo));
    assertThat(List.of(two.path("clients").asLong(), two.path("openPathways").asLong(), two.path("overdue").asLong(),
        two.path("closeToTimeLimit").asLong(), two.path("clientsWithoutContact").asLong()))
        .containsExactly(1L, 1L, 0L, 0L, 1L);
    assertThat(worklist.toString()).doesNotContain(otherAgencysClient, otherAgencysHousing);
  }

  @Test
  void aShortListSaysHowManyThereAre() {
    JsonNode worklist = hub.as(chwOne, () -> hub.get("/worklist?limit=1&closeToTimeLimitDays=0")).json();

    assertThat(texts(worklist.path("pathways"), "pathwayId")).containsExactly(employment);
    assertThat(worklist.path("counts").path("openPathways").asLong()).isEqualTo(3);
    assertThat(worklist.path("counts").path("closeToTimeLimit").asLong()).isZero();
    assertThat(hub.as(chwOne, () -> hub.get("/worklist?limit=0")).status()).isEqualTo(400);
    assertThat(hub.as(chwOne, () -> hub.get("/worklist?limit=0")).body()).contains("limit");
  }

  @Test
  void isForTheCareTeamOnly() {
    assertThat(hub.as(hub.adminToken(), () -> hub.get("/worklist")).status()).isEqualTo(403);
  }

  @Test
  void listsAClientsContactsNewestFirstToTheirAgency() {
    JsonNode contacts = hub.as(supervisor, () -> hub.get("/clients/" + pregnancyClient + "/contacts")).json();

    assertThat(texts(contacts, "kind")).containsExactly("ATTEMPT", "CALL");
    assertThat(contacts.get(0).path("memberId").asText()).isEqualTo(RunningHub.memberIdOf(chwOne));
    assertThat(contacts.get(0).path("agencyId").asText()).isEqualTo(agency);
    assertThat(contacts.get(0).path("note").asText()).isEqualTo("outreach");
  }

  @Test
  void anotherAgencysClientDoesNotExistForContacts() {
    RunningHub.Response recorded = hub.as(otherChw, () -> hub.post("/clients/" + housingClient + "/contacts",
        Map.of("kind", "VISIT", "occurredAt", Instant.now().toString()), RunningHub.newKey()));
    RunningHub.Response listed = hub.as(otherChw, () -> hub.get("/clients/" + housingClient + "/contacts"));

    assertThat(recorded.status()).isEqualTo(404);
    assertThat(listed.status()).isEqualTo(404);
    assertThat(contactsOf(housingClient)).isEqualTo(1);
  }

  @Test
  void refusesBadContactsAndWritesNothing() {
    String client = pregnancyClient;
    long before = contactsOf(client);
    List<RunningHub.Response> answers = new ArrayList<>();
    hub.as(chwOne, () -> {
      answers.add(hub.post("/clients/" + client + "/contacts",
          Map.of("kind", "EMAIL", "occurredAt", Instant.now().toString()), RunningHub.newKey()));
      answers.add(hub.post("/clients/" + client + "/contacts",
          Map.of("kind", "VISIT", "occurredAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()), RunningHub.newKey()));
      answers.add(hub.post("/clients/" + client + "/contacts",
          Map.of("kind", "VISIT", "occurredAt", Instant.now().toString(), "note", "x".repeat(1001)), RunningHub.newKey()));
      answers.add(hub.post("/clients/" + client + "/contacts", Map.of("kind", "VISIT"), RunningHub.newKey()));
      return null;
    });

    assertThat(answers).extracting(RunningHub.Response::status).containsExactly(400, 422, 400, 400);
    assertThat(answers.get(0).body()).contains("kind");
    assertThat(answers.get(1).body()).contains("occurredAt").contains("future");
    assertThat(answers.get(2).body()).contains("note");
    assertThat(answers.get(3).body()).contains("occurredAt");
    answers.forEach(answer -> assertThat(answer.contentType()).startsWith("application/problem+json"));
    assertThat(contactsOf(client)).isEqualTo(before);
  }

  @Test
  void aRetriedContactIsRecordedOnce() {
    String client = hub.as(chwTwo, WorklistAndContactsTest::pregnantClient);
    Map<String, String> key = RunningHub.newKey();
    Map<String, Object> body = Map.of("kind", "CALL", "occurredAt", Instant.now().minusSeconds(60).toString());

    RunningHub.Response first = hub.as(chwTwo, () -> hub.post("/clients/" + client + "/contacts", body, key));
    RunningHub.Response retry = hub.as(chwTwo, () -> hub.post("/clients/" + client + "/contacts", body, key));

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(contactsOf(client)).isEqualTo(1);
  }

  private static long contactsOf(String client) {
    return hub.jdbc().sql("select count(*) from client_contact where client_id = ?::uuid").param(client)
        .query(Long.class).single();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.path(field).asText()));
    return texts;
  }
}
