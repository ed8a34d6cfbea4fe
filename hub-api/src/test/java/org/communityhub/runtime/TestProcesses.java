package org.communityhub.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Free ports and last-resort cleanup for tests that start real processes. */
final class TestProcesses {

  private TestProcesses() {}

  /** {@code count} distinct ports that were free a moment ago. */
  static int[] freePorts(int count) {
    int[] ports = new int[count];
    for (int i = 0; i < count; i++) {
      ports[i] = FreePorts.next();
    }
    return ports;
  }

  static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Kills whatever still runs under the pid file's pid; only for cleanup after a failed test. */
  static void killFromPidFile(Path pidFile) {
    Leftovers.readPid(pidFile).ifPresent(TestProcesses::kill);
  }

  static void kill(long pid) {
    if (pid == ProcessHandle.current().pid()) {
      return;
    }
    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Leftovers.awaitExit(process, Duration.ofSeconds(10));
    });
  }
}
