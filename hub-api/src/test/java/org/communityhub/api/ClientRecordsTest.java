package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeping one record per person and one CHW per client: a HUB administrator merges two records of one
 * person (proposal, then confirmation; refused while the same pathway is open on both), and a supervisor
 * hands a client to another CHW of the agency.
 */
@SharedRunningHub
class ClientRecordsTest {

  static RunningHub hub;
  static String otherAgency;
  static String supervisor;
  static String otherSupervisor;

  @BeforeAll
  static void hubWithTwoAgencies() {
    otherAgency = hub.createAgency("North Care " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    supervisor = hub.createMemberAndLogin("sup-" + Personas.unique(), "SUPERVISOR", RunningHub.DEFAULT_AGENCY);
    otherSupervisor = hub.createMemberAndLogin("sup-north-" + Personas.unique(), "SUPERVISOR", otherAgency);
  }

  @Test
  void aMergeWaitsUntilTheSamePathwayIsNoLongerOpenTwiceThenMovesEverythingToTheSurvivor() {
    var person = Personas.pregnantClientWithUnstableHousing();
    String duplicate = hub.register(person);
    hub.post("/clients/" + duplicate + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String duplicateHousing = hub.open(duplicate, "HOUSING", Map.of());
    // The same person registered again, without the Medicaid id and coverage, past the duplicate warning.
    var again = new java.util.LinkedHashMap<>(person);
    again.remove("medicaidId");
    again.remove("coverage");
    again.put("duplicateOverrideReason", "Could not reach the client to check the earlier record");
    String survivor = hub.register(again);
    hub.post("/clients/" + survivor + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String survivorHousing = hub.open(survivor, "HOUSING", Map.of());

    JsonNode proposal = asAdmin(() -> hub.post("/admin/clients/" + survivor + "/merges",
        Map.of("duplicateId", duplicate, "reason", "Same person: registered twice by the same agency")));
    assertThat(proposal.path("status").asText()).isEqualTo("PROPOSED");
    assertThat(texts(proposal.path("records").path("pathways"))).containsExactly(duplicateHousing);
    assertThat(proposal.path("records").path("checklists")).hasSize(1);
    assertThat(proposal.path("obstacles")).hasSize(1);
    assertThat(proposal.path("obstacles").get(0).path("survivorRecord").asText()).isEqualTo(survivorHousing);
    assertThat(proposal.path("obstacles").get(0).path("duplicateRecord").asText()).isEqualTo(duplicateHousing);
    String confirm = "/admin/clients/" + survivor + "/merges/" + proposal.path("id").asText() + "/confirm";

    RunningHub.Response blocked = hub.as(hub.adminToken(), () -> hub.post(confirm, Map.of()));
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(409);
    assertThat(blocked.json().path("obstacles").get(0).path("remedy").asText()).contains("DUPLICATE");
    assertThat(hub.get("/pathways/" + duplicateHousing).json().path("clientId").asText()).isEqualTo(duplicate);
    assertThat(hub.get("/clients/" + duplicate).json().path("mergedInto").isNull()).isTrue();

    assertThat(hub.post("/pathways/" + duplicateHousing + "/close", Map.of("reason", "DUPLICATE"),
        RunningHub.newKey()).status())
        .isEqualTo(202);
    hub.awaitStatus(duplicateHousing, "FINISHED_INCOMPLETE");
    JsonNode merged = asAdmin(() -> hub.post(confirm, Map.of()));

    assertThat(merged.path("status").asText()).isEqualTo("MERGED");
    assertThat(texts(merged.path("records").path("pathways"))).containsExactly(duplicateHousing);
    assertThat(hub.get("/pathways/" + duplicateHousing).json().path("clientId").asText()).isEqualTo(survivor);
    assertThat(hub.jdbc().sql("select count(*) from checklist where client_id = ?::uuid").param(survivor)
        .query(Long.class).single()).isEqualTo(2);
    JsonNode survivorRecord = hub.get("/clients/" + survivor).json();
    assertThat(survivorRecord.path("medicaidId").asText()).isEqualTo(person.get("medicaidId"));
    assertThat(survivorRecord.path("payerId").isNull()).isFalse();
    JsonNode duplicateRecord = hub.get("/clients/" + duplicate).json();
    assertThat(duplicateRecord.path("mergedInto").asText()).isEqualTo(survivor);
    assertThat(duplicateRecord.path("medicaidId").isNull()).isTrue();

    // The merged-away record takes no new work, and no longer turns up as a probable duplicate.
    RunningHub.Response onMerged = hub.post("/clients/" + duplicate + "/pathways", Map.of("pathwayCode", "PREGNANCY"));
    assertThat(onMerged.status()).isEqualTo(409);
    assertThat(onMerged.json().path("mergedInto").asText()).isEqualTo(survivor);
    RunningHub.Response third = hub.post("/clients", person);
    assertThat(third.status()).isEqualTo(409);
    assertThat(texts(third.json().path("candidates"))).containsExactly(survivor);

    RunningHub.Response twice = hub.as(hub.adminToken(), () -> hub.post(confirm, Map.of()));
    assertThat(twice.status()).isEqualTo(409);
    // One person, one history: the survivor's audit trail includes what was done on the merged record.
    JsonNode trail = asAdmin(() -> hub.get("/admin/audit?clientId=" + survivor + "&limit=500"));
    assertThat(texts(trail, "path")).contains(confirm, "/clients/" + duplicate + "/checklists");
  }

  @Test
  void aMergeIsRefusedForTwoPeopleAndForRecordsThatChangedSinceTheProposal() {
    String first = hub.register(Personas.foodInsecureClient());
    String second = hub.register(Personas.foodInsecureClient());
    RunningHub.Response twoPeople = hub.as(hub.adminToken(), () -> hub.post("/admin/clients/" + first + "/merges",
        Map.of("duplicateId", second, "reason", "Looked alike")));
    assertThat(twoPeople.status()).isEqualTo(422);
    assertThat(twoPeople.body()).contains("duplicateId", "Medicaid");

    var withoutId = Personas.foodInsecureClient();
    withoutId.remove("medicaidId");
    String third = hub.register(withoutId);
    JsonNode proposal = asAdmin(() -> hub.post("/admin/clients/" + first + "/merges",
        Map.of("duplicateId", third, "reason", "Same phone, same birthday")));
    asAdmin(() -> hub.post("/admin/clients/" + third + "/transfer",
        Map.of("agencyId", otherAgency, "reason", "Moved north")));
    RunningHub.Response outdated = hub.as(hub.adminToken(), () -> hub.post(
        "/admin/clients/" + first + "/merges/" + proposal.path("id").asText() + "/confirm", Map.of()));
    assertThat(outdated.status()).isEqualTo(409);
    assertThat(outdated.json().path("detail").asText()).contains("propose it again");
    assertThat(hub.get("/clients/" + first).json().path("mergedInto").isNull()).isTrue();
  }

  @Test
  void aSupervisorHandsAClientToAnotherChwOfTheAgencyAndNoFurther() {
    String client = hub.register(Personas.foodInsecureClient());
    String colleague = RunningHub.memberIdOf(hub.createMemberAndLogin("chw-" + Personas.unique(), "CHW", RunningHub.DEFAULT_AGENCY));
    String stranger = RunningHub.memberIdOf(hub.createMemberAndLogin("chw-north-" + Personas.unique(), "CHW", otherAgency));
    String assignment = "/clients/" + client + "/assignment";

    assertThat(hub.post(assignment, Map.of("userId", colleague)).status()).as("a CHW may not").isEqualTo(403);
    assertThat(hub.as(otherSupervisor, () -> hub.post(assignment, Map.of("userId", colleague))).status())
        .as("another agency's supervisor does not find the client").isEqualTo(404);
    RunningHub.Response abroad = hub.as(supervisor, () -> hub.post(assignment, Map.of("userId", stranger)));
    assertThat(abroad.status()).isEqualTo(422);
    assertThat(abroad.body()).contains("userId");

    RunningHub.Response handed = hub.as(supervisor, () -> hub.post(assignment, Map.of("userId", colleague)));
    assertThat(handed.status()).as(handed.toString()).isEqualTo(200);
    assertThat(handed.json().path("assignedUserId").asText()).isEqualTo(colleague);
    assertThat(hub.jdbc().sql("select assigned_user_id::text from client where id = ?::uuid").param(client)
        .query(String.class).single()).isEqualTo(colleague);
  }

  private static JsonNode asAdmin(java.util.function.Supplier<RunningHub.Response> call) {
    RunningHub.Response response = hub.as(hub.adminToken(), call);
    assertThat(response.status()).as(response.toString()).isBetween(200, 201);
    return response.json();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.path(field).asText()));
    return texts;
  }
}
