package org.communityhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The machine the figures were measured on. */
final class Machine {

  private Machine() {
  }

  static void describe(Map<String, Object> environment) {
    environment.put("cpu", cpuModel());
    environment.put("cores (available to the JVM)", Runtime.getRuntime().availableProcessors());
    environment.put("memory", memTotal());
    environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ")" + osRelease());
    environment.put("load average at start (1, 5, 15 min)", loadAverage());
  }

  /**
   * The run queue of the whole machine (1, 5 and 15 minute averages): anything else running beside the suite
   * shows here, and the figures of a run that shared its cores are read with that in mind.
   */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
          .map(line -> String.format("%.1f GiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
          .findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String osRelease() {
    try {
      return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(line -> line.startsWith("PRETTY_NAME="))
          .map(line -> ", " + line.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse("");
    } catch (IOException e) {
      return "";
    }
  }
}
