package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A HUB administrator publishes pathway definitions at run time: a broken upload is answered with every
 * problem where it is and changes nothing; a new version is what new pathways open on, while pathways
 * already open finish on the version they opened on.
 */
class PathwayAuthoringTest {

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
    try (InputStream in = PathwayAuthoringTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
