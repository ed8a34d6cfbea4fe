package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The descriptors and the catalog: reading, validation, time limits, field types. */
class PathwayDescriptorTest {

  private static final Path SOURCE_FOLDER = Path.of("src/main/resources/pathways");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PathwayCatalog CATALOG = PathwayCatalog.standard();

  @Test
  void catalogListsExactlyTheDescriptorFiles() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(SOURCE_FOLDER)) {
      files = list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.equals("catalog.json"))
          .toList();
    }
    JsonNode index = JSON.readTree(SOURCE_FOLDER.resolve("catalog.json").toFile());
    List<String> listed = index.get("pathways").findValuesAsText("descriptor");

    assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    assertThat(CATALOG.all()).extracting(PathwayDescriptor::code)
        .containsExactlyElementsOf(index.get("pathways").findValuesAsText("code"));
  }

  @Test
  void everyBpmnFileBelongsToAPathway() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(SOURCE_FOLDER)) {
      files = list.map(p -> "pathways/" + p.getFileName()).filter(n -> n.endsWith(".bpmn")).toList();
    }

    assertThat(CATALOG.all()).extracting(PathwayDescriptor::bpmnResource).containsExactlyInAnyOrderElementsOf(files);
    CATALOG.all().forEach(d -> assertThat(CATALOG.bpmn(d)).isNotEmpty());
  }

  @Test
  void standardCatalogHasTheFourFirstPathways() {
    assertThat(CATALOG.all()).extracting(PathwayDescriptor::code)
        .containsExactly("HOUSING", "PREGNANCY", "MEDICAL_HOME", "FOOD_SECURITY");
    assertThat(CATALOG.find("PREGNANCY")).hasValueSatisfying(p -> {
      assertThat(p.outcome().code()).isEqualTo("DELIVERY");
      assertThat(p.outcome().dataFields()).containsExactly(new FieldDescriptor("birthWeightGrams", FieldType.INTEGER, true));
      assertThat(p.outcomeVariants()).containsExactly("HEALTHY_BIRTH_WEIGHT", "LOW_BIRTH_WEIGHT");
    });
    assertThat(CATALOG.find("NOT_A_PATHWAY")).isEmpty();
    assertThat(CATALOG.findByProcessId("Pathway_Housing")).map(PathwayDescriptor::code).hasValue("HOUSING");
  }

  @Test
  void everyPathwayCanBeClosedForEveryReason() {
    assertThat(CATALOG.all()).allSatisfy(d -> assertThat(d.closeReasons()).containsExactlyInAnyOrder(CloseReason.values()));
  }

  @Test
  void onlyTheTimerClosesForTimeLimit() {
    assertThat(Arrays.stream(CloseReason.values()).filter(r -> !r.requestable())).containsExactly(CloseReason.TIME_LIMIT);
  }

  @Test
  void timeLimitCountsFromTheOpeningDate() {
    TimeLimit housing = CATALOG.find("HOUSING").orElseThrow().timeLimit();

    assertThat(housing.dueDate(LocalDate.of(2026, 1, 10), Map.of())).isEqualTo(LocalDate.of(2026, 7, 9));
  }

  @Test
  void timeLimitCountsFromAnOpeningDateField() {
    TimeLimit pregnancy = CATALOG.find("PREGNANCY").orElseThrow().timeLimit();

    assertThat(pregnancy.dueDate(LocalDate.of(2026, 1, 10), Map.of("estimatedDueDate", "2026-05-01")))
        .isEqualTo(LocalDate.of(2026, 6, 30));
  }

  @Test
  void timeLimitRefusesAMissingOrMalformedOpeningDate() {
    TimeLimit pregnancy = new TimeLimit(60, "estimatedDueDate");

    assertThatThrownBy(() -> pregnancy.dueDate(LocalDate.of(2026, 1, 10), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimatedDueDate");
    assertThatThrownBy(() -> pregnancy.dueDate(LocalDate.of(2026, 1, 10), Map.of("estimatedDueDate", "May 1st")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimatedDueDate");
  }

  @Test
  void deadlineIsTheStartOfTheDayAfterTheDueDateInTheHubsZone() {
    TimeLimit limit = new TimeLimit(90, null);
    ZoneId eastern = ZoneId.of("America/New_York");

    OffsetDateTime deadline = limit.deadline(LocalDate.of(2026, 3, 1), Map.of(), eastern);

    assertThat(deadline).isEqualTo(OffsetDateTime.of(2026, 5, 31, 0, 0, 0, 0, ZoneOffset.ofHours(-4)));
    assertThat(ProcessNames.deadlineVariable(deadline)).isEqualTo("2026-05-31T00:00:00-04:00");
  }

  @ParameterizedTest(name = "{0} \"{1}\" → {2}")
  @CsvSource(nullValues = "null", value = {
      "TEXT,    anything,    null",
      "INTEGER, 2500,        null",
      "INTEGER, -3,          null",
      "INTEGER, 2.5,         must be a whole number",
      "INTEGER, heavy,       must be a whole number",
      "DATE,    2026-05-01,  null",
      "DATE,    2026-02-30,  must be a date (yyyy-MM-dd)",
      "DATE,    01/05/2026,  must be a date (yyyy-MM-dd)",
      "BOOLEAN, true,        null",
      "BOOLEAN, false,       null",
      "BOOLEAN, yes,         must be true or false",
  })
  void fieldTypeChecksTextValues(FieldType type, String value, String error) {
    assertThat(type.validate(value)).isEqualTo(error);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      "TEXT    | \"a note\"     | null",
      "TEXT    | 12             | must be text",
      "INTEGER | 2500           | null",
      "INTEGER | \"2500\"       | null",
      "INTEGER | 2500.5         | must be a whole number",
      "INTEGER | true           | must be a whole number",
      "DATE    | \"2026-05-01\" | null",
      "DATE    | 20260501       | must be a date (yyyy-MM-dd)",
      "BOOLEAN | false          | null",
      "BOOLEAN | \"true\"       | null",
      "BOOLEAN | 1              | must be true or false",
  })
  void fieldTypeChecksJsonValues(FieldType type, String json, String error) throws IOException {
    assertThat(type.validate(JSON.readTree(json))).isEqualTo(error);
  }

  @Test
  void fieldsReportMissingRequiredInvalidAndUnknownValues() throws IOException {
    List<FieldDescriptor> fields = List.of(
        new FieldDescriptor("birthWeightGrams", FieldType.INTEGER, true),
        new FieldDescriptor("note", FieldType.TEXT, false));

    assertThat(FieldDescriptor.validate(fields, JSON.readTree("{\"birthWeightGrams\": 3100}"))).isEmpty();
    assertThat(FieldDescriptor.validate(fields, JSON.readTree("{\"note\": \"\"}")))
        .containsExactly(Map.entry("birthWeightGrams", "is required"));
    assertThat(FieldDescriptor.validate(fields, JSON.readTree("{\"birthWeightGrams\": \"heavy\", \"weight\": 3}")))
        .containsExactly(Map.entry("birthWeightGrams", "must be a whole number"), Map.entry("weight", "is not a field here"));
    assertThat(FieldDescriptor.validate(fields, Map.of("birthWeightGrams", " ")))
        .containsExactly(Map.entry("birthWeightGrams", "is required"));
  }

  @Test
  void readsADescriptorFromJson() {
    PathwayDescriptor descriptor = PathwayCatalog.readDescriptor(json(minimal("\"prerequisite\": null")));

    assertThat(descriptor.code()).isEqualTo("TEST");
    assertThat(descriptor.openingFields()).isEmpty();
    assertThat(descriptor.outcome().code()).isEqualTo("DONE");
    assertThat(descriptor.step("DONE")).isPresent();
    assertThat(descriptor.step("ELSE")).isEmpty();
  }

  @Test
  void refusesAPrerequisiteThatIsNotAnEarlierStep() {
    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(minimal("\"prerequisite\": \"LATER\""))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LATER");
  }

  @Test
  void refusesUnknownProperties() {
    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(minimal("\"prerequisite\": null, \"paymentPonit\": true"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paymentPonit");
  }

  @Test
  void refusesAnOutcomeStepThatIsNotTheLastPaymentPoint() {
    String notLast = minimal("\"prerequisite\": null").replace("\"outcomeStep\": \"DONE\"", "\"outcomeStep\": \"FIRST\"");

    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(notLast)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be the last step");
  }

  /** A two-step descriptor; {@code donePrerequisite} is spliced into the last step. */
  private static String minimal(String donePrerequisite) {
    return """
        {
          "code": "TEST", "name": "Test", "processId": "Pathway_Test", "bpmnResource": "pathways/test.bpmn",
          "initiation": {"text": "A test problem.", "source": "LOCAL"},
          "steps": [
            {"code": "FIRST", "name": "First", "messageName": "Test_First", "source": "LOCAL"},
            {"code": "DONE", "name": "Done", "messageName": "Test_Done", %s,
             "evidenceRequired": true, "paymentPoint": true, "dataFields": [], "source": "LOCAL"}
          ],
          "outcomeStep": "DONE",
          "outcomeVariants": ["STANDARD"],
          "timeLimit": {"days": 30, "afterField": null},
          "closeReasons": ["CLIENT_DECLINED", "TIME_LIMIT"]
        }
        """.formatted(donePrerequisite);
  }

  private static InputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
