package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.communityhub.pathways.PathwayValidation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate an administrator's upload passes: every shipped pathway passes it, and each breakage is named. */
class PathwayValidationTest {

  private static final String HOUSING_JSON = resource("pathways/housing.json");
  private static final String HOUSING_BPMN = resource("pathways/housing.bpmn");

  static Stream<String> pathways() {
    return PathwayCatalog.standard().all().stream().map(PathwayDescriptor::code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathways")
  void everyShippedPathwayPasses(String code) {
    PathwayDescriptor descriptor = PathwayCatalog.standard().find(code).orElseThrow();
    String json = resource(descriptor.bpmnResource().replace(".bpmn", ".json"));

    var result = PathwayValidation.check(json, PathwayCatalog.standard().bpmn(descriptor));

    assertThat(result.problems()).isEmpty();
    assertThat(result.valid()).isTrue();
  }

  @Test
  void aMissingStepEventIsNamedByItsElementId() {
    String broken = HOUSING_BPMN.replace("\"Step_MovedIn\"", "\"Step_Arrived\"");

    assertThat(problems(HOUSING_JSON, broken)).contains(new Problem("bpmn#Step_MovedIn",
        "missing: the message event of step MOVED_IN"));
  }

  @Test
  void aMessageCorrelatedByAnythingButThePathwayIdIsRefused() {
    String broken = HOUSING_BPMN.replaceFirst("correlationKey=\"=pathwayId\"", "correlationKey=\"=clientId\"");

    assertThat(problems(HOUSING_JSON, broken)).extracting(Problem::message)
        .anySatisfy(message -> assertThat(message).contains("must be correlated by =pathwayId"));
  }

  @Test
  void generatedIdsAndUnknownJobTypesAreRefused() {
    String broken = HOUSING_BPMN.replace("\"Task_CompletePathway\"", "\"Activity_0ab12cd\"")
        .replace("type=\"hub.pathway.claim-instance\"", "type=\"hub.pathway.send-email\"");

    assertThat(problems(HOUSING_JSON, broken)).extracting(Problem::where)
        .contains("bpmn#Activity_0ab12cd", "bpmn#Task_CompletePathway", "bpmn#Task_ClaimInstance");
  }

  @Test
  void withoutTheTimeLimitTimerThePathwayCouldNeverFinishIncompleteOnTime() {
    String broken = HOUSING_BPMN.replace("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">=deadline</bpmn:timeDate>",
        "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">=now()</bpmn:timeDate>");

    assertThat(broken).isNotEqualTo(HOUSING_BPMN);
    assertThat(problems(HOUSING_JSON, broken)).extracting(Problem::where).contains("bpmn#Timer_TimeLimit");
  }

  @Test
  void anInconsistentDescriptorAndAnUnreadableBpmnAreBothReported() {
    String noSteps = HOUSING_JSON.replaceFirst("\"steps\"\\s*:\\s*\\[", "\"stepz\": [");

    var result = PathwayValidation.check(noSteps, "<not-bpmn/>".getBytes(StandardCharsets.UTF_8));

    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).extracting(Problem::where).containsExactly("descriptor", "bpmn");
  }

  @Test
  void readsBpmnlintsReportAsProblemsAtElements() {
    String report = """

        /tmp/pathway-1.bpmn
          Step_MovedIn            error  Element of type <bpmn:Message> must have one extension element  Client moved in
          Message_CloseRequested  warning  Element is missing label/name  Close requested

        ✖ 2 problems (1 error, 1 warning)
        """;

    assertThat(ModelerLint.findings(report)).extracting(Problem::where)
        .containsExactly("bpmn#Step_MovedIn", "bpmn#Message_CloseRequested");
  }

  private static java.util.List<Problem> problems(String json, String bpmn) {
    return PathwayValidation.check(json, bpmn.getBytes(StandardCharsets.UTF_8)).problems();
  }

  private static String resource(String path) {
    try (InputStream in = PathwayValidationTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
