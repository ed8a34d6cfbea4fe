package org.communityhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Java Flight Recordings of a phase whose target was missed, summarised as the hottest methods
 * ({@code jfr view hot-methods}, JDK 21+): of the application (started and stopped with jcmd) or of this JVM.
 */
final class Profiles {

  private final Path javaHome;
  private final Path folder;

  Profiles(Path javaHome, Path folder) {
    this.javaHome = javaHome;
    this.folder = folder;
  }

  Path file(String name) {
    return folder.resolve(name + ".jfr");
  }

  void start(long pid, String name) {
    run(javaHome.resolve("bin/jcmd").toString(), Long.toString(pid), "JFR.start", "name=" + name,
        "settings=profile", "filename=" + file(name));
  }

  void stop(long pid, String name) {
    run(javaHome.resolve("bin/jcmd").toString(), Long.toString(pid), "JFR.stop", "name=" + name);
  }

  /** The JVM option that records from the very start of a process (cold start). */
  String recordFromStart(String name) {
    return "-XX:StartFlightRecording=name=" + name + ",settings=profile,filename=" + file(name);
  }

  /** The top of {@code jfr view hot-methods}; the tool's own message if it fails. */
  String hotMethods(String name, int lines) {
    String out = run(javaHome.resolve("bin/jfr").toString(), "view", "--width", "200", "hot-methods",
        file(name).toString());
    List<String> top = out.lines().limit(lines).toList();
    return String.join("\n", top) + "\n(recording: " + file(name) + ")";
  }

  static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(5, TimeUnit.MINUTES);
      return out;
    } catch (IOException e) {
      return "cannot run " + List.of(command) + ": " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  static List<String> args(String... values) {
    return new ArrayList<>(List.of(values));
  }
}
