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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** A pg_dump backup restored with hub.restore.from: into an empty database only, all or nothing. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DatabaseRestoreTest {

  @TempDir Path original;
  @TempDir Path emptyMachine;
  @TempDir Path backups;

  @Test
  void restoresABackupIntoAnEmptyDatabaseOnceAndNeverOverData() throws Exception {
    try (EmbeddedPostgresServer source = new EmbeddedPostgresServer(original, properties());
        EmbeddedPostgresServer target = new EmbeddedPostgresServer(emptyMachine, properties())) {
      source.start();
      target.start();
      execute(source, "create table kept (id int primary key, note text)", "insert into kept values (1, 'survives')");
      Path backup = backups.resolve("hub.dump");
      Backups.pgDump(source.port(), backup);
      Path damaged = backups.resolve("damaged.dump");
      byte[] bytes = Files.readAllBytes(backup);
      Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));

      assertThatIllegalStateException().isThrownBy(() -> restore(damaged, target))
          .withMessageContaining("pg_restore failed");
      assertThat(query(target, "select count(*) from pg_tables where schemaname = 'public'"))
          .as("a failed restore leaves nothing behind").isEqualTo("0");

      restore(backup, target);
      assertThat(query(target, "select note from kept where id = 1")).isEqualTo("survives");

      assertThatIllegalStateException().as("never over data: a start with the setting left on")
          .isThrownBy(() -> restore(backup, target)).withMessageContaining("already holds 1 tables");
      assertThat(query(target, "select count(*) from kept")).isEqualTo("1");
    }
  }

  private static void restore(Path backup, EmbeddedPostgresServer target) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(target.jdbcUrl());
    dataSource.setUser(EmbeddedPostgresServer.USER);
    new DatabaseRestore(new RestoreProperties(backup, "pg_restore", Duration.ofMinutes(2)))
        .restoreInto(dataSource, null);
  }

  private static EmbeddedPostgresProperties properties() {
    return new EmbeddedPostgresProperties(TestProcesses.freePorts(1)[0], Duration.ofSeconds(60), Duration.ofSeconds(30));
  }

  private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, null); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, null); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
