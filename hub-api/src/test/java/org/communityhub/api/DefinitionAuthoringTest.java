package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HUB administrator publishes pathway and checklist definitions at run time: a broken upload is answered
 * with every problem where it is and changes nothing; a new version is what new pathways open on (and new
 * checklists answer), while pathways already open finish on the version they opened on.
 */
class DefinitionAuthoringTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final String HOUSING_JSON = resource("pathways/housing.json");
  private static final String HOUSING_BPMN = resource("pathways/housing.bpmn");

  @TempDir
  static Path dataDir;
  static RunningHub hub;

  @BeforeAll
  static void startHub() {
    hub = RunningHub.start(dataDir);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aBrokenUploadIsAnsweredWithEachProblemAtItsElementAndChangesNothing() {
    long versionsBefore = definitionRows();
    String broken = HOUSING_BPMN
        .replaceFirst("<zeebe:subscription correlationKey=\"=pathwayId\" ?/>", "")
        .replace("\"Task_CompletePathway\"", "\"Activity_0ab12cd\"");

    RunningHub.Response refused = hub.as(hub.adminToken(), () -> upload(HOUSING_JSON, broken));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("errors").findValuesAsText("field"))
        .contains("bpmn#Activity_0ab12cd", "bpmn#Task_CompletePathway", "bpmn#Step_ApplicationSubmitted");
    assertThat(refused.body()).contains("Camunda Modeler lint");
    assertThat(definitionRows()).isEqualTo(versionsBefore);
    assertThat(hub.as(hub.chwToken(), () -> upload(HOUSING_JSON, HOUSING_BPMN)).status())
        .as("only an administrator publishes").isEqualTo(403);
  }

  @Test
  void aPathwayFinishesOnTheVersionItOpenedOnWhileNewOnesOpenOnTheNewVersion() {
    String before = openHousing();
    hub.step(before, "APPLICATION_SUBMITTED", TODAY, Map.of(), null);

    // Version 2: a longer time limit, and a process the engine can tell apart from version 1.
    String descriptor = HOUSING_JSON.replaceFirst("\"days\"\\s*:\\s*180", "\"days\": 270");
    String bpmn = HOUSING_BPMN.replace("name=\"Housing pathway\"", "name=\"Housing pathway (270 days)\"");
    RunningHub.Response published = hub.as(hub.adminToken(), () -> upload(descriptor, bpmn));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    assertThat(published.json().path("version").asInt()).isEqualTo(2);
    assertThat(published.json().path("timeLimit").path("days").asInt()).isEqualTo(270);
    RunningHub.Response again = hub.as(hub.adminToken(), () -> upload(descriptor, bpmn));
    assertThat(again.status()).as("a repeated upload publishes nothing").isEqualTo(200);
    assertThat(again.json().path("version").asInt()).isEqualTo(2);

    JsonNode versions = hub.get("/pathway-definitions/HOUSING").json().path("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).path("active").asBoolean()).isFalse();
    assertThat(versions.get(1).path("active").asBoolean()).isTrue();
    assertThat(versions.get(1).path("engineKey").asLong()).as("deployed as its own process definition")
        .isPositive().isNotEqualTo(versions.get(0).path("engineKey").asLong());

    String after = openHousing();
    JsonNode opened = hub.get("/pathways/" + after).json();
    assertThat(opened.path("definitionVersion").asInt()).isEqualTo(2);
    assertThat(opened.path("dueDate").asText()).isEqualTo(TODAY.plusDays(270).toString());
    assertThat(hub.get("/pathways/" + before).json().path("definitionVersion").asInt()).isEqualTo(1);

    // Each runs to completion in the engine; the claim worker refuses a process of another version.
    for (String pathway : new String[] {before, after}) {
      if (pathway.equals(after)) {
        hub.step(pathway, "APPLICATION_SUBMITTED", TODAY, Map.of(), null);
      }
      hub.step(pathway, "HOUSING_SECURED", TODAY, Map.of(), null);
      hub.step(pathway, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
      hub.awaitStatus(pathway, "COMPLETED");
    }
    assertThat(hub.get("/pathways/" + before).json().path("dueDate").asText())
        .isEqualTo(TODAY.plusDays(180).toString());
  }

  @Test
  void aCloseReasonIsOneTheVersionOfThePathwayAllows() throws IOException {
    // Version 2 of Medical Home no longer lets a pathway close because the client moved away.
    ObjectNode descriptor = (ObjectNode) RunningHub.JSON.readTree(resource("pathways/medical-home.json"));
    ArrayNode reasons = (ArrayNode) descriptor.path("closeReasons");
    reasons.remove(reasons.findValuesAsText("reason").indexOf("MOVED_AWAY"));
    RunningHub.Response published = hub.as(hub.adminToken(),
        () -> upload(descriptor.toString(), resource("pathways/medical-home.bpmn")));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);

    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    String pathway = hub.open(client, "MEDICAL_HOME", Map.of());
    RunningHub.Response refused = hub.post("/pathways/" + pathway + "/close", Map.of("reason", "MOVED_AWAY"),
        RunningHub.newKey());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("reason");
    assertThat(hub.jdbc().sql("select count(*) from pathway where id = ?::uuid and close_requested_reason is null")
        .param(pathway).query(Long.class).single()).as("nothing recorded").isEqualTo(1);
    assertThat(hub.post("/pathways/" + pathway + "/close", Map.of("reason", "CLIENT_DECLINED"),
        RunningHub.newKey()).status()).isEqualTo(202);
  }

  @Test
  void aChecklistAnswersTheActiveVersionOfItsKindAndKeepsIt() {
    JsonNode standard = hub.get("/checklist-definitions").json();
    assertThat(standard.findValuesAsText("kind")).contains("INITIAL", "ADULT", "CHILD", "PREGNANCY", "POSTPARTUM",
        "FOLLOW_UP");
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    JsonNode followUp = hub.get("/checklist-definitions/FOLLOW_UP").json();
    Map<String, String> answers = answersTo(followUp.path("definition"));
    answers.put("housing_status", "HOMELESS");
    JsonNode before = hub.post("/clients/" + client + "/checklists", Map.of("kind", "FOLLOW_UP", "answers", answers))
        .json();
    assertThat(before.path("definitionVersion").asInt()).isEqualTo(1);
    // "no" to every question: no doctor, no coverage, no transport are risks too; in question order.
    assertThat(texts(before.path("riskFactors")))
        .containsExactly("HOUSING", "MEDICAL_HOME", "HEALTH_COVERAGE", "TRANSPORTATION");

    // Version 2 asks one more question.
    Map<String, Object> definition = RunningHub.JSON.convertValue(followUp.path("definition"), Map.class);
    java.util.List<Object> questions = new java.util.ArrayList<>((java.util.List<?>) definition.get("questions"));
    questions.add(Map.of("code", "smoke_free_home", "text", "Is the home smoke-free?", "answerType", "YES_NO"));
    definition.put("questions", questions);
    RunningHub.Response published = hub.as(hub.adminToken(), () -> hub.post("/admin/checklist-definitions", definition));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    assertThat(published.json().path("version").asInt()).isEqualTo(2);
    assertThat(hub.as(hub.adminToken(), () -> hub.post("/admin/checklist-definitions", definition)).status())
        .as("a repeated upload publishes nothing").isEqualTo(200);

    RunningHub.Response unanswered = hub.post("/clients/" + client + "/checklists",
        Map.of("kind", "FOLLOW_UP", "answers", answers));
    assertThat(unanswered.status()).isEqualTo(422);
    assertThat(unanswered.json().path("errors").findValuesAsText("field")).containsExactly("answers.smoke_free_home");
    answers.put("smoke_free_home", "yes");
    JsonNode after = hub.post("/clients/" + client + "/checklists", Map.of("kind", "FOLLOW_UP", "answers", answers))
        .json();
    assertThat(after.path("definitionVersion").asInt()).isEqualTo(2);
    assertThat(hub.jdbc().sql("select definition_version from checklist where id = ?::uuid")
        .param(before.path("id").asText()).query(Integer.class).single()).as("kept as answered").isEqualTo(1);
  }

  @Test
  void aChecklistDefinitionWithAnUnknownRiskFactorIsRefusedAndNothingIsPublished() {
    long before = hub.jdbc().sql("select count(*) from checklist_definition").query(Long.class).single();
    Map<String, Object> definition = Map.of("kind", "HOME_SAFETY", "name", "Home safety", "questions", java.util.List.of(
        Map.of("code", "has_smoke_alarm", "text", "Is there a working smoke alarm?", "answerType", "YES_NO",
            "signals", java.util.List.of(Map.of("answers", java.util.List.of("no"), "riskFactor", "FIRE_SAFETY")))));

    RunningHub.Response refused = hub.as(hub.adminToken(), () -> hub.post("/admin/checklist-definitions", definition));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.json().path("errors").findValuesAsText("field"))
        .containsExactly("questions[0].signals[0].riskFactor");
    assertThat(hub.jdbc().sql("select count(*) from checklist_definition").query(Long.class).single())
        .isEqualTo(before);
  }

  /** An answer to every question of a checklist definition: no, the first choice, zero, today. */
  private static Map<String, String> answersTo(JsonNode definition) {
    Map<String, String> answers = new java.util.LinkedHashMap<>();
    definition.path("questions").forEach(question -> answers.put(question.path("code").asText(),
        switch (question.path("answerType").asText()) {
          case "YES_NO" -> "no";
          case "CHOICE" -> question.path("choices").get(0).asText();
          case "COUNT" -> "0";
          default -> TODAY.toString();
        }));
    return answers;
  }

  private static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> texts = new java.util.ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static String openHousing() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    hub.post("/clients/" + client + "/checklists", Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    return hub.open(client, "HOUSING", Map.of());
  }

  private static RunningHub.Response upload(String descriptor, String bpmn) {
    return hub.postMultipart("/admin/pathway-definitions", Map.of(
        "descriptor", descriptor.getBytes(StandardCharsets.UTF_8),
        "bpmn", bpmn.getBytes(StandardCharsets.UTF_8)));
  }

  private static long definitionRows() {
    return hub.jdbc().sql("select count(*) from pathway_definition").query(Long.class).single();
  }

  private static String resource(String path) {
    try (InputStream in = DefinitionAuthoringTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
