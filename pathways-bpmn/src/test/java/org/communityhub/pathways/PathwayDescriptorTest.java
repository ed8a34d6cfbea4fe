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
  void standardCatalogHasTheTwentyOneCurrentPathways() {
    assertThat(CATALOG.all()).extracting(PathwayDescriptor::code).containsExactly(
        "ADULT_EDUCATION", "DEVELOPMENTAL_REFERRAL", "EMPLOYMENT", "FAMILY_PLANNING", "FOOD_SECURITY",
        "HEALTH_COVERAGE", "HOUSING", "IMMUNIZATION_REFERRAL", "LEARNING", "MEDICAL_HOME", "MEDICAL_REFERRAL",
        "MEDICATION_SCREENING", "MEDICATION_RECONCILIATION", "MEDICATION_ADHERENCE", "MENTAL_HEALTH",
        "SUBSTANCE_USE", "ORAL_HEALTH", "POSTPARTUM", "PREGNANCY", "SOCIAL_SERVICE_REFERRAL", "TRANSPORTATION");
    assertThat(CATALOG.find("PREGNANCY")).hasValueSatisfying(p -> {
      assertThat(p.outcome().code()).isEqualTo("DELIVERY");
      assertThat(p.outcome().dataFields()).containsExactly(new FieldDescriptor("birthWeightGrams", FieldType.INTEGER, true));
      assertThat(p.variantCodes()).containsExactly("HEALTHY_BIRTH_WEIGHT", "LOW_BIRTH_WEIGHT");
      assertThat(p.openingField("estimatedDueDate")).isPresent();
    });
    assertThat(CATALOG.find("NOT_A_PATHWAY")).isEmpty();
    assertThat(CATALOG.findByProcessId("Pathway_Housing")).map(PathwayDescriptor::code).hasValue("HOUSING");
  }

  @Test
  void everyPartOfEveryPathwaySaysWhereItComesFrom() {
    assertThat(CATALOG.all()).allSatisfy(d -> {
      assertThat(d.initiation().source()).as("%s initiation", d.code()).isNotNull();
      assertThat(d.openingFields()).as("%s opening fields", d.code()).allSatisfy(f -> assertThat(f.source()).isNotNull());
      assertThat(d.steps()).as("%s steps", d.code()).allSatisfy(s -> assertThat(s.source()).isNotNull());
      assertThat(d.outcomeVariants()).as("%s outcome variants", d.code()).allSatisfy(v -> {
        assertThat(v.source()).isNotNull();
        assertThat(v.meaning()).isNotBlank();
      });
      assertThat(d.evidence()).as("%s evidence", d.code()).isNotNull()
          .satisfies(e -> assertThat(e.source()).isNotNull());
      assertThat(d.timeLimit().source()).as("%s time limit", d.code()).isNotNull();
      assertThat(d.closeReasons()).as("%s close reasons", d.code()).allSatisfy(r -> assertThat(r.source()).isNotNull());
      if (d.parameterised()) {
        assertThat(d.typeCodes().codes()).as("%s type codes", d.code()).allSatisfy(c -> assertThat(c.source()).isNotNull());
      }
    });
  }

  @Test
  void processIdsAndMessageNamesFollowTheNamingRule() {
    assertThat(CATALOG.all()).allSatisfy(d -> {
      assertThat(d.processId()).isEqualTo(ProcessNames.processId(d.code()));
      assertThat(d.bpmnResource()).isEqualTo("pathways/" + d.code().toLowerCase().replace('_', '-') + ".bpmn");
      assertThat(d.steps()).allSatisfy(s ->
          assertThat(s.messageName()).isEqualTo(ProcessNames.stepMessageName(d.code(), s.code())));
    });
  }

  @Test
  void referralsAndLearningAreParameterisedByATypeCodeList() {
    assertThat(CATALOG.all()).filteredOn(PathwayDescriptor::parameterised).extracting(PathwayDescriptor::code)
        .containsExactlyInAnyOrder("MEDICAL_REFERRAL", "SOCIAL_SERVICE_REFERRAL", "LEARNING");
    assertThat(CATALOG.find("MEDICAL_REFERRAL").orElseThrow().typeCodes().find("CARDIOLOGY")).isPresent();
    assertThat(CATALOG.find("LEARNING").orElseThrow().typeCodes().label()).isEqualTo("learning module");
    assertThat(CATALOG.find("HOUSING").orElseThrow().typeCodes()).isNull();
  }

  @Test
  void employmentWaitsThirtyDaysAfterTheJobStartedAndEndsIncompleteWhenTheJobIsLost() {
    PathwayDescriptor employment = CATALOG.find("EMPLOYMENT").orElseThrow();

    assertThat(employment.outcome().waitsFor())
        .isEqualTo(new DaysAfterStep("JOB_STARTED", "jobStartDate", 30, Source.VERIFIED));
    assertThat(employment.outcome().prerequisite()).isEqualTo("JOB_STARTED");
    assertThat(employment.step("JOB_STARTED").orElseThrow().dataFields())
        .filteredOn(FieldDescriptor::processVariable).extracting(FieldDescriptor::name).containsExactly("jobStartDate");
    assertThat(employment.finishingSteps()).singleElement().satisfies(s -> {
      assertThat(s.code()).isEqualTo("JOB_LOST");
      assertThat(s.finishesIncomplete()).isEqualTo(CloseReason.OUTCOME_NOT_ACHIEVED);
      assertThat(s.within()).isEqualTo(new DaysAfterStep("JOB_STARTED", "jobStartDate", 30, Source.VERIFIED));
    });
    assertThat(employment.stepsInOrder()).extracting(StepDescriptor::code).doesNotContain("JOB_LOST");
    assertThat(CATALOG.all()).filteredOn(d -> !d.finishingSteps().isEmpty()).containsExactly(employment);
  }

  @Test
  void postpartumCountsItsTimeLimitFromTheDeliveryDate() {
    PathwayDescriptor postpartum = CATALOG.find("POSTPARTUM").orElseThrow();

    assertThat(postpartum.timeLimit().afterField()).isEqualTo("deliveryDate");
    assertThat(postpartum.timeLimit().dueDate(LocalDate.of(2026, 3, 20), Map.of("deliveryDate", "2026-03-01")))
        .isEqualTo(LocalDate.of(2026, 5, 24));
  }

  @Test
  void sendsOnlyTheMarkedStepDataToTheProcessWithDatesAtTheStartOfTheDayInTheHubsZone() {
    StepDescriptor jobStarted = CATALOG.find("EMPLOYMENT").orElseThrow().step("JOB_STARTED").orElseThrow();

    assertThat(jobStarted.processVariables(Map.of("jobStartDate", "2026-03-02", "employer", "Acme"),
        ZoneId.of("America/New_York"))).containsExactly(Map.entry("jobStartDate", "2026-03-02T00:00:00-05:00"));
    assertThat(jobStarted.processVariables(Map.of("employer", "Acme"), ZoneId.of("America/New_York"))).isEmpty();
    assertThat(ProcessNames.processVariableValue(FieldType.INTEGER, "2500", ZoneOffset.UTC)).isEqualTo(2500L);
    assertThat(ProcessNames.processVariableValue(FieldType.BOOLEAN, "true", ZoneOffset.UTC)).isEqualTo(true);
    assertThat(ProcessNames.waitTimerDate("jobStartDate", 30)).isEqualTo("=date and time(jobStartDate) + duration(\"P30D\")");
  }

  @Test
  void everyPathwayCanBeClosedForEveryReason() {
    assertThat(CATALOG.all()).allSatisfy(d -> assertThat(d.closeReasonCodes()).containsExactlyInAnyOrder(CloseReason.values()));
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

  @Test
  void readsDescriptorsPublishedBeforeSourcesWereRecorded() {
    PathwayDescriptor legacy = PathwayCatalog.readDescriptor(json(minimal("\"prerequisite\": null")));

    assertThat(legacy.outcomeVariants()).containsExactly(new OutcomeVariant("STANDARD", null, null));
    assertThat(legacy.closeReasons()).extracting(AllowedCloseReason::reason)
        .containsExactly(CloseReason.CLIENT_DECLINED, CloseReason.TIME_LIMIT);
    assertThat(legacy.evidence()).isNull();
    assertThat(legacy.parameterised()).isFalse();
  }

  @Test
  void refusesAWaitThatDoesNotCountFromItsPrerequisitesDateSentToTheProcess() {
    String waitsOnNothing = minimal("\"prerequisite\": null, \"waitsFor\": {\"afterStep\": \"FIRST\", "
        + "\"afterField\": \"startDate\", \"days\": 30, \"source\": \"LOCAL\"}");
    String waitsOnAField = waitsOnNothing.replace("\"prerequisite\": null", "\"prerequisite\": \"FIRST\"");
    String waitsOnAPrivateField = waitsOnAField.replace("\"messageName\": \"Test_First\",",
        "\"messageName\": \"Test_First\", \"dataFields\": [{\"name\": \"startDate\", \"type\": \"DATE\", \"required\": true}],");
    String waitsOnASentField = waitsOnAPrivateField.replace("\"required\": true}", "\"required\": true, \"processVariable\": true}");

    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(waitsOnNothing)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be its prerequisite");
    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(waitsOnAField)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a data field");
    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(waitsOnAPrivateField)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sent to the process");
    assertThat(PathwayCatalog.readDescriptor(json(waitsOnASentField)).outcome().waitsFor().days()).isEqualTo(30);
    String withinAPrivateField = waitsOnAPrivateField.replace("\"waitsFor\"", "\"within\"");
    assertThat(PathwayCatalog.readDescriptor(json(withinAPrivateField)).outcome().within().days()).isEqualTo(30);
  }

  @Test
  void refusesAFinishingStepWhoseReasonIsNotAllowedOrThatIsTheOutcome() {
    String lost = minimal("\"prerequisite\": null").replace("\"messageName\": \"Test_First\",",
        "\"messageName\": \"Test_First\", \"finishesIncomplete\": \"MOVED_AWAY\",");
    String outcomeFinishes = minimal("\"prerequisite\": null, \"finishesIncomplete\": \"CLIENT_DECLINED\"");

    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(lost)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an allowed close reason");
    assertThat(PathwayCatalog.readDescriptor(json(lost.replace("MOVED_AWAY", "CLIENT_DECLINED"))).finishingSteps())
        .extracting(StepDescriptor::code).containsExactly("FIRST");
    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(outcomeFinishes)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a payment point");
  }

  @Test
  void refusesAProcessVariableTheEngineUses() {
    String stepIdField = minimal("\"prerequisite\": null").replace("\"dataFields\": []",
        "\"dataFields\": [{\"name\": \"stepId\", \"type\": \"TEXT\", \"required\": true, \"processVariable\": true}]");

    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(stepIdField)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the engine uses that variable");
  }

  @Test
  void refusesATypeCodeListedTwice() {
    String twice = minimal("\"prerequisite\": null").replace("\"steps\":",
        "\"typeCodes\": {\"label\": \"referral type\", \"codes\": [{\"code\": \"A\", \"name\": \"A\", \"source\": \"LOCAL\"}, "
            + "{\"code\": \"A\", \"name\": \"Again\", \"source\": \"LOCAL\"}]}, \"steps\":");

    assertThatThrownBy(() -> PathwayCatalog.readDescriptor(json(twice)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
  }

  private static InputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
