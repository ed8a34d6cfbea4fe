package org.communityhub.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * Loads a {@code pg_dump -Fc} backup into the application's database before Flyway looks at it, so that a
 * HUB comes back on a new machine with one setting. Only an empty database is restored into: a restore must
 * never mix with data that is already there, and a second start with the setting left on must not run it
 * again over the restored data.
 */
final class DatabaseRestore {

  private static final Logger log = LoggerFactory.getLogger(DatabaseRestore.class);

  private final RestoreProperties properties;

  DatabaseRestore(RestoreProperties properties) {
    this.properties = properties;
  }

  void restoreInto(DataSource dataSource, String password) {
    Path backup = properties.from().toAbsolutePath().normalize();
    if (!Files.isReadable(backup)) {
      throw new IllegalStateException("hub.restore.from: cannot read the backup " + backup);
    }
    Target target = targetOf(dataSource);
    if (target.tables() > 0) {
      throw new IllegalStateException("hub.restore.from: the database " + target.database() + " already holds "
          + target.tables() + " tables. A backup is restored into an empty database only; to start on the "
          + "data that is there, remove hub.restore.from (HUB_RESTORE_FROM).");
    }
    log.info("Restoring {} into database {} on {}:{}", backup, target.database(), target.host(), target.port());
    long started = System.nanoTime();
    run(List.of(properties.pgRestore(), "--exit-on-error", "--single-transaction", "--no-owner",
        "--no-privileges", "--host", target.host(), "--port", target.port(), "--username", target.user(),
        "--dbname", target.database(), backup.toString()), password);
    log.info("Restored {} in {} s", backup, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  private record Target(String host, String port, String database, String user, long tables) {}

  private static Target targetOf(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet tables = statement.executeQuery("""
            select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
               and n.nspname not like 'pg\\_toast%'""")) {
      tables.next();
      DatabaseMetaData metadata = connection.getMetaData();
      Properties url = Driver.parseURL(metadata.getURL(), null);
      if (url == null) {
        throw new IllegalStateException("hub.restore.from: not a PostgreSQL URL: " + metadata.getURL());
      }
      return new Target(url.getProperty("PGHOST"), url.getProperty("PGPORT"), url.getProperty("PGDBNAME"),
          metadata.getUserName(), tables.getLong(1));
    } catch (SQLException e) {
      throw new IllegalStateException("hub.restore.from: cannot inspect the database", e);
    }
  }

  private void run(List<String> command, String password) {
    try {
      // To a file, not a pipe: a pipe nobody reads while waiting can fill up and stall pg_restore.
      Path output = Files.createTempFile("hub-restore", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile());
      if (StringUtils.hasText(password)) {
        // The environment, not the command line: other users of the machine can read command lines.
        builder.environment().put("PGPASSWORD", password);
      }
      Process process = builder.start();
      try {
        if (!process.waitFor(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("hub.restore.from: pg_restore took longer than " + properties.timeout());
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException("hub.restore.from: pg_restore failed (exit " + process.exitValue()
              + "); nothing was restored (one transaction):\n" + Files.readString(output).strip());
        }
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("hub.restore.from: cannot run " + properties.pgRestore()
          + " (install the PostgreSQL client of the backup's version, or set hub.restore.pg-restore)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("hub.restore.from: interrupted", e);
    }
  }
}
