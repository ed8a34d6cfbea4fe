package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who sees what: a CHW only their agency's clients and pathways (another agency's answer 404, as if they did
 * not exist), a funder only their payer's reports and never a client, a deactivated member nothing at once,
 * and every access on record.
 */
@SharedRunningHub
class AccessTest {

  private static final LocalDate TODAY = RunningHub.today();

  static RunningHub hub;
  static String otherAgency;
  static String otherChw;
  static String funder;
  static String fundersPayer;
  static String supervisor;
  static Map<String, Object> registration;
  static String client;
  static String pathway;

  @BeforeAll
  static void twoAgenciesAndAFunder() {
    otherAgency = hub.createAgency("East Side Care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    otherChw = hub.createMemberAndLogin("chw-east-" + Personas.unique(), "CHW", otherAgency);
    supervisor = hub.createMemberAndLogin("sup-" + Personas.unique(), "SUPERVISOR", RunningHub.DEFAULT_AGENCY);
    fundersPayer = ContractFixtures.newPayer(hub);
    String payerAgency = hub.createAgency("Health plan " + fundersPayer, "PAYER", fundersPayer);
    funder = hub.createMemberAndLogin("funder-" + Personas.unique(), "FUNDER", payerAgency);

    registration = Personas.pregnantClientWithUnstableHousing();
    client = hub.register(registration);
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    pathway = hub.open(client, "HOUSING", Map.of());
  }

  @Test
  void aChwOfAnotherAgencyFindsNeitherTheClientNorThePathway() {
    hub.as(otherChw, () -> {
      assertThat(hub.get("/clients/" + client).status()).isEqualTo(404);
      assertThat(hub.get("/pathways/" + pathway).status()).isEqualTo(404);
      assertThat(hub.post("/clients/" + client + "/checklists",
          Personas.initialChecklistOfPregnantClientWithUnstableHousing()).status()).isEqualTo(404);
      assertThat(hub.post("/clients/" + client + "/pathways", Map.of("pathwayCode", "MEDICAL_HOME")).status())
          .isEqualTo(404);
      assertThat(hub.post("/pathways/" + pathway + "/steps",
          RunningHub.stepBody("APPLICATION_SUBMITTED", TODAY, Map.of(), null),
          Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isEqualTo(404);
      assertThat(hub.post("/pathways/" + pathway + "/close", Map.of("reason", "DUPLICATE"), RunningHub.newKey()).status())
          .isEqualTo(404);
      return null;
    });
    JsonNode stillOpen = hub.get("/pathways/" + pathway).json();
    assertThat(stillOpen.path("steps")).isEmpty();
    assertThat(stillOpen.path("closeRequestedReason").isNull()).isTrue();
  }

  @Test
  void aSupervisorSeesTheirWholeAgencyAndAnAdministratorReadsButRecordsNoCare() {
    assertThat(hub.as(supervisor, () -> hub.get("/pathways/" + pathway)).status()).isEqualTo(200);
    assertThat(hub.as(hub.adminToken(), () -> hub.get("/clients/" + client)).status()).isEqualTo(200);
    assertThat(hub.as(hub.adminToken(), () -> hub.post("/pathways/" + pathway + "/close",
        Map.of("reason", "DUPLICATE"), RunningHub.newKey())).status()).isEqualTo(403);
  }

  @Test
  void theDuplicateCheckAcrossAgenciesNamesOnlyTheAgencyToCoordinateWith() {
    Map<String, Object> samePerson = new LinkedHashMap<>(registration);
    samePerson.put("medicaidId", "MCD" + Personas.unique());
    RunningHub.Response refused = hub.as(otherChw, () -> hub.post("/clients", samePerson));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("candidates")).isEmpty();
    assertThat(refused.json().path("enrolledWith").findValuesAsText("agencyId"))
        .containsExactly(RunningHub.DEFAULT_AGENCY);
    assertThat(refused.body()).doesNotContain(client).doesNotContain((String) registration.get("familyName"));
  }

  @Test
  void aFunderSeesTheirPayersReportButNoClientAndNoOtherPayer() {
    hub.as(funder, () -> {
      assertThat(hub.get("/reports/payments?payer=" + fundersPayer + "&from=" + TODAY.minusDays(30) + "&to=" + TODAY)
          .status()).isEqualTo(200);
      assertThat(hub.get("/reports/payments?payer=STATE_MEDICAID&from=" + TODAY.minusDays(30) + "&to=" + TODAY)
          .status()).as("another payer's").isEqualTo(422);
      assertThat(hub.get("/reports/payments?payer=OTHER_PLAN&from=" + TODAY.minusDays(30) + "&to=" + TODAY)
          .status()).isEqualTo(422);
      assertThat(hub.get("/clients/" + client).status()).isEqualTo(403);
      assertThat(hub.get("/pathways/" + pathway).status()).isEqualTo(403);
      assertThat(hub.get("/admin/users").status()).isEqualTo(403);
      return null;
    });
    assertThat(hub.get("/reports/payments?payer=STATE_MEDICAID&from=" + TODAY + "&to=" + TODAY).status())
        .as("a CHW reads no payment report").isEqualTo(403);
  }

  @Test
  void refusesCallsWithoutAValidTokenAsProblems() {
    RunningHub.Response anonymous = hub.as(null, () -> hub.get("/clients/" + client));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(hub.as("not.a.token", () -> hub.get("/clients/" + client)).status()).isEqualTo(401);
    RunningHub.Response badLogin = hub.as(null, () -> hub.post("/auth/token",
        Map.of("username", "admin", "password", "wrong-password-123")));
    assertThat(badLogin.status()).isEqualTo(401);
    assertThat(badLogin.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aDeactivatedMembersTokenStopsWorkingAtOnce() {
    String username = "chw-leaving-" + Personas.unique();
    String leaving = hub.createMemberAndLogin(username, "CHW", RunningHub.DEFAULT_AGENCY);
    String theirClient = hub.as(leaving, () -> hub.register(Personas.foodInsecureClient()));
    assertThat(hub.as(leaving, () -> hub.get("/clients/" + theirClient)).status()).isEqualTo(200);

    String leavingId = hub.as(hub.adminToken(), () -> hub.get("/admin/users")).json().findParents("username")
        .stream().filter(user -> user.path("username").asText().equals(username))
        .findFirst().orElseThrow().path("id").asText();
    String successorId = RunningHub.memberIdOf(hub.chwToken());
    RunningHub.Response deactivated = hub.as(hub.adminToken(), () -> hub.post(
        "/admin/users/" + leavingId + "/deactivate", Map.of("reassignTo", successorId)));
    assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);

    assertThat(hub.as(leaving, () -> hub.get("/clients/" + theirClient)).status()).isEqualTo(401);
    assertThat(hub.jdbc().sql("select assigned_user_id from client where id = ?")
        .param(UUID.fromString(theirClient)).query(UUID.class).single().toString()).isEqualTo(successorId);
  }

  @Test
  void aTransferredClientAndTheirOpenPathwayMoveToTheOtherAgency() {
    String moving = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + moving + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String theirPathway = hub.open(moving, "HOUSING", Map.of());

    RunningHub.Response transferred = hub.as(hub.adminToken(), () -> hub.post(
        "/admin/clients/" + moving + "/transfer", Map.of("agencyId", otherAgency, "reason", "Moved across town")));
    assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);

    assertThat(hub.get("/clients/" + moving).status()).as("the old agency").isEqualTo(404);
    assertThat(hub.get("/pathways/" + theirPathway).status()).isEqualTo(404);
    assertThat(hub.as(otherChw, () -> hub.get("/pathways/" + theirPathway)).status()).as("the new agency")
        .isEqualTo(200);
    assertThat(hub.jdbc().sql("select reason from client_transfer where client_id = ?")
        .param(UUID.fromString(moving)).query(String.class).single()).isEqualTo("Moved across town");
  }

  @Test
  void everyAccessToAClientIsOnRecordIncludingRefusals() {
    hub.get("/clients/" + client);
    hub.as(otherChw, () -> hub.get("/pathways/" + pathway));

    JsonNode events = hub.as(hub.adminToken(), () -> hub.get("/admin/audit?clientId=" + client)).json();
    List<String> outcomes = events.findValuesAsText("outcome");
    assertThat(outcomes).contains("ALLOWED", "DENIED");
    JsonNode denied = events.findParents("outcome").stream()
        .filter(event -> event.path("outcome").asText().equals("DENIED")
            && event.path("objectType").asText().equals("PATHWAY"))
        .findFirst().orElseThrow();
    assertThat(denied.path("agencyId").asText()).isEqualTo(otherAgency);
    assertThat(denied.path("status").asInt()).isEqualTo(404);
    assertThat(events.findValuesAsText("action")).contains("POST", "GET");
  }

  @Test
  void theFirstAdministratorsPasswordIsInAFileOnlyItsOwnerCanRead() throws Exception {
    Path file = hub.dataDir().resolve("initial-admin-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hub.dataDir().resolve("token-signing.key"))))
        .isEqualTo("rw-------");
  }
}
