package org.communityhub.pathways;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.communityhub.pathways.PathwayValidation.Problem;

/**
 * Camunda Modeler's own lint rules (bpmnlint with the camunda-compat plugin), run from an npm installation
 * such as the project's {@code tools/lint} ({@code npm ci} there). A check nobody here wrote: the BPMN an
 * administrator publishes must pass what the Modeler would flag.
 */
public final class ModelerLint {

  private static final long TIMEOUT_SECONDS = 120;

  private final Path directory;

  /** @param directory where {@code .bpmnlintrc} and {@code node_modules/.bin/bpmnlint} are */
  public ModelerLint(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  /** Whether bpmnlint is installed there. */
  public boolean available() {
    return Files.isExecutable(executable());
  }

  public Path directory() {
    return directory;
  }

  /** The exit code and the report of one run over these files. */
  public record Run(int exitCode, String output) {}

  public Run run(List<Path> files) {
    List<String> command = new ArrayList<>(List.of(executable().toString(), "--max-warnings=0"));
    files.forEach(file -> command.add(file.toAbsolutePath().toString()));
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("bpmnlint did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run bpmnlint in " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while linting", e);
    }
  }

  /** The Modeler's findings on one BPMN file, each at the element it concerns. */
  public List<Problem> check(byte[] bpmn) {
    Path file = null;
    try {
      file = Files.createTempFile("pathway-", ".bpmn");
      Files.write(file, bpmn);
      Run run = run(List.of(file));
      List<Problem> problems = findings(run.output());
      if (run.exitCode() != 0 && problems.isEmpty()) {
        problems = List.of(Problem.at(null, "bpmnlint refused the file: " + run.output().strip()));
      }
      return problems;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** Lines of bpmnlint's report: {@code <element id>  <error|warning>  <message>  <element name>}. */
  static List<Problem> findings(String report) {
    List<Problem> problems = new ArrayList<>();
    for (String line : report.split("\\R")) {
      String[] columns = line.strip().split("\\s{2,}");
      if (columns.length >= 3 && (columns[1].equals("error") || columns[1].equals("warning"))) {
        problems.add(Problem.at(columns[0], columns[2] + " (Camunda Modeler lint, " + columns[1] + ")"));
      }
    }
    return problems;
  }

  private Path executable() {
    return directory.resolve("node_modules/.bin/bpmnlint");
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans its temp directory
      }
    }
  }
}
