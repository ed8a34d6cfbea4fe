package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camunda Modeler's own lint rules (bpmnlint with the camunda-compat plugin for Camunda 8.5), run from
 * the npm packages pinned in tools/lint, which the build installs. A check nobody here wrote.
 */
class ModelerLintTest {

  private static final Path LINT = Path.of("..", "tools", "lint").toAbsolutePath().normalize();

  @Test
  void everyPathwayPassesCamundaModelersLintRules() throws Exception {
    List<String> files = new ArrayList<>();
    for (PathwayDescriptor descriptor : PathwayCatalog.standard().all()) {
      files.add(Path.of("src/main/resources", descriptor.bpmnResource()).toAbsolutePath().toString());
    }
    ModelerLint.Run lint = lint(files);
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void findingsNameTheElementTheyConcern() throws Exception {
    String housing = Files.readString(Path.of("src/main/resources/pathways/housing.bpmn"));
    byte[] broken = housing.replaceFirst("<zeebe:subscription correlationKey=\"=pathwayId\" ?/>", "")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(new ModelerLint(LINT).check(broken)).isNotEmpty()
        .allSatisfy(problem -> assertThat(problem.where()).startsWith("bpmn#"))
        .anySatisfy(problem -> assertThat(problem.message()).contains("zeebe:Subscription"));
  }

  @Test
  void theLintRulesAreLive(@TempDir Path dir) throws Exception {
    String housing = Files.readString(Path.of("src/main/resources/pathways/housing.bpmn"));
    Path broken = dir.resolve("broken.bpmn");
    // A message catch event without its Zeebe subscription must be flagged.
    Files.writeString(broken, housing.replaceFirst("<zeebe:subscription correlationKey=\"=pathwayId\" ?/>", ""));
    ModelerLint.Run lint = lint(List.of(broken.toString()));
    assertThat(lint.exitCode()).as(lint.output()).isNotZero();
    assertThat(lint.output()).contains("Step_");
  }

  private static ModelerLint.Run lint(List<String> files) {
    ModelerLint lint = new ModelerLint(LINT);
    assertThat(lint.available()).as("bpmnlint is installed by the build (npm ci in tools/lint)").isTrue();
    return lint.run(files.stream().map(Path::of).toList());
  }
}
