package org.communityhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Backups as docs/operations.md tells a HUB to make them: pg_dump, custom format, while the database runs. */
public final class Backups {

  private Backups() {}

  /** {@code pg_dump -Fc} of the embedded database on that port into {@code file}. */
  public static void pgDump(int port, Path file) {
    try {
      Path output = Files.createTempFile("pg_dump", ".log");
      Process dump = new ProcessBuilder("pg_dump", "--host", "localhost", "--port", Integer.toString(port),
          "--username", EmbeddedPostgresServer.USER, "--dbname", EmbeddedPostgresServer.DATABASE,
          "--format", "custom", "--file", file.toString())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      assertThat(dump.waitFor(5, TimeUnit.MINUTES)).as("pg_dump finished").isTrue();
      assertThat(dump.exitValue()).as("pg_dump: %s", Files.readString(output)).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException("pg_dump (the PostgreSQL client) must be on the PATH: .ci/run installs it", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
