package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camunda Modeler's own lint rules (bpmnlint with the camunda-compat plugin for Camunda 8.5), run from
 * the npm packages pinned in tools/lint, which the build installs. A check nobody here wrote.
 */
class ModelerLintTest {

  private static final Path LINT = Path.of("..", "tools", "lint").toAbsolutePath().normalize();
  private static final Path BPMNLINT = LINT.resolve("node_modules/.bin/bpmnlint");

  @Test
  void everyPathwayPassesCamundaModelersLintRules() throws Exception {
    List<String> files = new ArrayList<>();
    for (PathwayDescriptor descriptor : PathwayCatalog.standard().all()) {
      files.add(Path.of("src/main/resources", descriptor.bpmnResource()).toAbsolutePath().toString());
    }
    Lint lint = lint(files);
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void theLintRulesAreLive(@TempDir Path dir) throws Exception {
    String housing = Files.readString(Path.of("src/main/resources/pathways/housing.bpmn"));
    Path broken = dir.resolve("broken.bpmn");
    // A message catch event without its Zeebe subscription must be flagged.
    Files.writeString(broken, housing.replaceFirst("<zeebe:subscription correlationKey=\"=pathwayId\" ?/>", ""));
    Lint lint = lint(List.of(broken.toString()));
    assertThat(lint.exitCode()).as(lint.output()).isNotZero();
    assertThat(lint.output()).contains("Step_");
  }

  private record Lint(int exitCode, String output) {}

  private static Lint lint(List<String> files) throws IOException, InterruptedException {
    assertThat(BPMNLINT).as("bpmnlint is installed by the build (npm ci in tools/lint)").isExecutable();
    List<String> command = new ArrayList<>(List.of(BPMNLINT.toString(), "--max-warnings=0"));
    command.addAll(files);
    Process process = new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Lint(process.exitValue(), output);
  }
}
