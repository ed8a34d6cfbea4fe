package org.communityhub.engine.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work that must run once across every instance of the application on one database, serialised by
 * PostgreSQL advisory locks: no leader election, no extra table, and a lock whose holder dies (its
 * connection closes) is free again at once.
 */
@Component
public class ClusterLocks {

  /** Start-up seeding (catalog, checklists, first administrator): a second instance waits, then finds it done. */
  public static final String STARTUP_SEEDING = "hub-startup-seeding";
  /** The one engine rebuild that runs, held by the instance running it for as long as it runs. */
  public static final String ENGINE_REBUILD = "hub-engine-rebuild";

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  ClusterLocks(DataSource dataSource, JdbcClient jdbc) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
  }

  /** Waits for the lock and holds it until the current transaction ends. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void lockForTransaction(String name) {
    jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(name).query().listOfRows();
  }

  /**
   * The lock, if no other session holds it, on a connection kept for the holder until {@link Held#close}; if
   * this instance dies, PostgreSQL ends its session and the lock is free for another instance.
   */
  public Optional<Held> tryHold(String name) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
        lock.setString(1, name);
        try (ResultSet answer = lock.executeQuery()) {
          answer.next();
          if (answer.getBoolean(1)) {
            return Optional.of(new Held(connection, name));
          }
        }
      }
      connection.close();
      return Optional.empty();
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IllegalStateException("Could not take the advisory lock " + name, e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the connection is broken; its session, and the lock with it, ends anyway
      }
    }
  }

  /** A held session lock; closing it unlocks and gives the connection back. */
  public static final class Held implements AutoCloseable {
    private final Connection connection;
    private final String name;

    private Held(Connection connection, String name) {
      this.connection = connection;
      this.name = name;
    }

    @Override
    public void close() {
      try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
        unlock.setString(1, name);
        unlock.execute();
      } catch (SQLException ignored) {
        // a broken connection: its session and the lock end with it
      } finally {
        closeQuietly(connection);
      }
    }
  }
}
