package org.communityhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedPostgresTest {

  @TempDir Path dataDir;

  @Test
  void keepsDataAcrossStopAndStart() throws Exception {
    EmbeddedPostgresProperties properties = properties();
    EmbeddedPostgresServer first = new EmbeddedPostgresServer(dataDir, properties);
    EmbeddedPostgresServer second = new EmbeddedPostgresServer(dataDir, properties);
    long firstPid = -1;
    try {
      first.start();
      firstPid = first.postmasterPid().orElseThrow();
      execute(first, "create table kept (id int primary key, note text)", "insert into kept values (1, 'survives')");
      first.close();
      assertThat(TestProcesses.isAlive(firstPid)).isFalse();

      second.start();

      assertThat(query(second, "select note from kept where id = 1")).isEqualTo("survives");
      // zonky's test-friendly defaults turn durability off; the system of record needs it on.
      assertThat(query(second, "show fsync")).isEqualTo("on");
      assertThat(query(second, "show synchronous_commit")).isEqualTo("on");
    } finally {
      second.close();
      first.close();
      TestProcesses.kill(firstPid);
    }
  }

  @Test
  void takesOverPostmasterLeftRunningByKilledApplication() throws Exception {
    EmbeddedPostgresProperties properties = properties();
    EmbeddedPostgresServer first = new EmbeddedPostgresServer(dataDir, properties);
    EmbeddedPostgresServer second = new EmbeddedPostgresServer(dataDir, properties);
    Path cluster = dataDir.resolve("postgres");
    long leftoverPid = -1;
    try {
      first.start();
      execute(first, "create table kept (id int primary key)", "insert into kept values (7)");
      // The binaries zonky unpacked: the leftover is started with them, as pg_ctl started the first one.
      Path postgresBinary = Path.of(Leftovers.commandLine(ProcessHandle.of(first.postmasterPid().orElseThrow())
          .orElseThrow()).getFirst());
      first.close();

      // A postmaster that no JVM owns any more, exactly what a SIGKILLed application leaves behind.
      List<String> pgCtlStart = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        pgCtlStart.addAll(List.of("unshare", "-U")); // PostgreSQL refuses root; zonky does the same
      }
      pgCtlStart.addAll(List.of(postgresBinary.resolveSibling("pg_ctl").toString(), "-D", cluster.toString(),
          "-l", dataDir.resolve("leftover.log").toString(), "-o", "-p " + properties.port(), "-w", "start"));
      Process pgCtl = new ProcessBuilder(pgCtlStart)
          .redirectErrorStream(true)
          .redirectOutput(dataDir.resolve("pg_ctl.out").toFile())
          .start();
      assertThat(pgCtl.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(pgCtl.exitValue()).as(Files.readString(dataDir.resolve("pg_ctl.out"))).isZero();
      leftoverPid = Leftovers.readPid(cluster.resolve("postmaster.pid")).orElseThrow();
      assertThat(TestProcesses.isAlive(leftoverPid)).isTrue();

      second.start();

      assertThat(TestProcesses.isAlive(leftoverPid)).as("the leftover postmaster was stopped").isFalse();
      assertThat(second.postmasterPid().orElseThrow()).isNotEqualTo(leftoverPid);
      assertThat(query(second, "select id from kept")).isEqualTo("7");
    } finally {
      second.close();
      first.close();
      TestProcesses.kill(leftoverPid);
    }
  }

  @Test
  void startsOverStalePidFileWithoutTouchingTheProcessNamedInIt() throws Exception {
    EmbeddedPostgresServer first = new EmbeddedPostgresServer(dataDir, properties());
    EmbeddedPostgresServer second = new EmbeddedPostgresServer(dataDir, properties());
    try {
      first.start();
      first.close();
      // A reused pid: alive, but this test's own JVM, not a postmaster.
      Files.write(dataDir.resolve("postgres/postmaster.pid"),
          List.of(Long.toString(ProcessHandle.current().pid()), dataDir.resolve("postgres").toString()));

      second.start();

      assertThat(query(second, "select 'up'")).isEqualTo("up");
    } finally {
      second.close();
      first.close();
    }
  }

  @Test
  void refusesClusterOwnedByRunningServer() {
    EmbeddedPostgresServer owner = new EmbeddedPostgresServer(dataDir, properties());
    EmbeddedPostgresServer intruder = new EmbeddedPostgresServer(dataDir, properties());
    try {
      owner.start();
      long pid = owner.postmasterPid().orElseThrow();

      assertThatIllegalStateException().isThrownBy(intruder::start)
          .withMessageContaining("another running application");
      assertThat(TestProcesses.isAlive(pid)).isTrue();
    } finally {
      intruder.close();
      owner.close();
    }
  }

  private static EmbeddedPostgresProperties properties() {
    return new EmbeddedPostgresProperties(TestProcesses.freePorts(1)[0], Duration.ofSeconds(60), Duration.ofSeconds(30));
  }

  private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, null);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, null);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
