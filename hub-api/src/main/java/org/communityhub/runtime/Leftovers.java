package org.communityhub.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops a process an earlier run left behind (its JVM was killed, so nobody stopped it). A pid
 * alone proves nothing, since pids are reused: a process counts only if its command line shows it is ours.
 */
final class Leftovers {

  private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /** The first number in a pid file (PostgreSQL's postmaster.pid has more lines after it). */
  static OptionalLong readPid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The live process named by the pid file, if its command line passes {@code isOurs}. */
  static Optional<ProcessHandle> find(Path pidFile, Predicate<List<String>> isOurs) {
    OptionalLong pid = readPid(pidFile);
    if (pid.isEmpty() || pid.getAsLong() == ProcessHandle.current().pid()) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid.getAsLong())
        .filter(ProcessHandle::isAlive)
        .filter(process -> isOurs.test(commandLine(process)));
  }

  /**
   * The process's arguments, program first. /proc keeps the exact NUL-separated argv (paths with spaces
   * survive); ProcessHandle.Info is the fallback elsewhere.
   */
  static List<String> commandLine(ProcessHandle process) {
    Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
      if (!raw.isEmpty()) {
        return List.of(raw.split("\0"));
      }
    } catch (IOException | SecurityException e) {
      // not Linux, or the process just ended: fall back below
    }
    List<String> args = new ArrayList<>();
    process.info().command().ifPresent(args::add);
    process.info().arguments().ifPresent(a -> args.addAll(Arrays.asList(a)));
    return args;
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL the process and whatever it had started. */
  static void stop(ProcessHandle process, Duration grace, String what) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!awaitExit(process, grace)) {
      log.warn("{} (pid {}) did not stop within {}: killing it", what, process.pid(), grace);
      process.destroyForcibly();
      awaitExit(process, Duration.ofSeconds(10));
    }
    // A postmaster killed hard leaves its backends holding shared memory, which blocks the next start.
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    children.forEach(child -> awaitExit(child, Duration.ofSeconds(5)));
  }

  static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** True if {@code candidate} is {@code directory} or inside it, comparing real paths where they exist. */
  static boolean sameOrInside(String candidate, Path directory) {
    try {
      Path path = Path.of(candidate);
      return realOrNormal(path).startsWith(realOrNormal(directory));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Path realOrNormal(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
