package org.communityhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

  @TempDir Path dir;

  @Test
  void ignoresLiveProcessWhoseCommandLineIsNotOurs() throws Exception {
    Path pidFile = dir.resolve("some.pid");
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    Files.writeString(pidFile, parent + "\n");

    assertThat(Leftovers.find(pidFile, commandLine -> commandLine.contains("io.camunda.zeebe.broker.StandaloneBroker")))
        .isEmpty();
  }

  @Test
  void findsLiveProcessWhoseCommandLineMatches() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Path pidFile = dir.resolve("sleeper.pid");
      Files.writeString(pidFile, sleeper.pid() + "\n");

      assertThat(Leftovers.find(pidFile, commandLine -> commandLine.equals(List.of("sleep", "60"))))
          .map(ProcessHandle::pid)
          .contains(sleeper.pid());
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void ignoresDeadPidAndGarbage() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    Path dead = dir.resolve("dead.pid");
    Files.writeString(dead, done.pid() + "\n");
    Path garbage = dir.resolve("garbage.pid");
    Files.writeString(garbage, "not a pid\n");

    assertThat(Leftovers.find(dead, commandLine -> true)).isEmpty();
    assertThat(Leftovers.find(garbage, commandLine -> true)).isEmpty();
    assertThat(Leftovers.find(dir.resolve("missing.pid"), commandLine -> true)).isEmpty();
  }

  @Test
  void stopsProcessWithSigtermThenWaits() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();

    Leftovers.stop(sleeper.toHandle(), Duration.ofSeconds(5), "sleeper");

    assertThat(sleeper.isAlive()).isFalse();
  }
}
