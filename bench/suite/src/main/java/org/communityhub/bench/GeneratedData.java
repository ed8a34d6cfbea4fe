package org.communityhub.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A large registry loaded straight into PostgreSQL with COPY FROM STDIN, consistent with the schema: clients of
 * one generated agency, ~7.4 completed pathways each (the domain brief's ratio) on the active definitions, three
 * steps per pathway, and one outcome earning per pathway in the ledger priced by the default contract, all
 * dated in {@link #YEAR}.
 */
final class GeneratedData {

  static final int YEAR = 2024;
  static final String PAYER = "00000000-0000-0000-0000-0000000000a1";
  static final String CONTRACT = "00000000-0000-0000-0000-0000000000c1";
  private static final int BATCH = 20_000;

  private final String jdbcUrl;
  private final UUID agency = UUID.randomUUID();
  private final Map<String, UUID> definitions = new HashMap<>();
  private final Map<String, Long> outcomeRates = new HashMap<>();
  private long loaded;

  GeneratedData(String jdbcUrl) throws SQLException {
    this.jdbcUrl = jdbcUrl;
    try (Connection connection = connect(); Statement sql = connection.createStatement()) {
      sql.execute("insert into agency (id, name, kind) values ('" + agency
          + "', 'Generated agency (bench)', 'CARE_COORDINATION_AGENCY')");
      try (ResultSet rows = sql.executeQuery("select code, id from pathway_definition where active")) {
        while (rows.next()) {
          definitions.put(rows.getString(1), rows.getObject(2, UUID.class));
        }
      }
      try (PreparedStatement rates = connection.prepareStatement("select pathway_code, amount_cents from payment_rate "
          + "where contract_id = ? and milestone = 'OUTCOME_CONFIRMED' and outcome_variant = 'STANDARD'")) {
        rates.setObject(1, UUID.fromString(CONTRACT));
        try (ResultSet rows = rates.executeQuery()) {
          while (rows.next()) {
            outcomeRates.put(rows.getString(1), rows.getLong(2));
          }
        }
      }
    }
  }

  UUID agency() {
    return agency;
  }

  long loaded() {
    return loaded;
  }

  /** Adds pathways (with their clients, steps and earnings) until {@code total} generated pathways exist. */
  void growTo(long total) throws SQLException {
    List<Workload.Definition> pathways = Workload.PATHWAYS;
    try (Connection connection = connect()) {
      CopyRows clients = new CopyRows(connection, "copy client (id, agency_id, given_name, family_name, name_key, "
          + "birth_date, payer_id, coverage_member_id, created_at) from stdin");
      CopyRows pathwayRows = new CopyRows(connection, "copy pathway (id, client_id, agency_id, definition_id, code, "
          + "payer_id, status, current_step, outcome_variant, opening_fields, eligibility_rule_version, opened_on, "
          + "due_date, deadline, opened_at, closed_at) from stdin");
      CopyRows steps = new CopyRows(connection, "copy pathway_step (id, pathway_id, agency_id, step_code, occurred_on, "
          + "recorded_at, data, idempotency_key, request_hash) from stdin");
      CopyRows ledger = new CopyRows(connection, "copy payment_ledger (id, entry_type, pathway_id, step_id, payer_id, "
          + "agency_id, pathway_code, milestone, outcome_variant, amount_cents, contract_id, rule_package_version, "
          + "occurred_on, recorded_at) from stdin");
      ThreadLocalRandom random = ThreadLocalRandom.current();
      // Clients first (pathways reference them), batch by batch, then the rows that reference each batch.
      while (loaded < total) {
        int batch = (int) Math.min(BATCH, total - loaded);
        List<UUID> batchClients = new ArrayList<>();
        for (int i = 0; i < Math.max(1, batch * 10 / 74); i++) {
          UUID client = UUID.randomUUID();
          batchClients.add(client);
          String given = "Gen" + Long.toString(random.nextLong(1L << 40), 36);
          String family = "Bench" + Long.toString(random.nextLong(1L << 40), 36);
          clients.row(client, agency, given, family, (family + given).toLowerCase(),
              LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000)), PAYER, "G-" + client.toString().substring(0, 8),
              YEAR + "-01-01 00:00:00+00");
        }
        clients.flush();
        for (int i = 0; i < batch; i++) {
          UUID client = batchClients.get(i % batchClients.size());
          Workload.Definition definition = pathways.get(random.nextInt(pathways.size()));
          UUID pathway = UUID.randomUUID();
          LocalDate opened = LocalDate.of(YEAR, 1, 1).plusDays(random.nextInt(300));
          LocalDate done = opened.plusDays(random.nextInt(60));
          String outcome = definition.steps().getLast();
          pathwayRows.row(pathway, client, agency, definitions.get(definition.code()), definition.code(), PAYER,
              "COMPLETED", outcome, "STANDARD", "{}", "default-1", opened, opened.plusDays(180),
              opened.plusDays(180) + " 00:00:00+00", opened + " 12:00:00+00", done + " 12:00:00+00");
          UUID outcomeStep = null;
          for (String step : definition.steps()) {
            UUID id = UUID.randomUUID();
            outcomeStep = id;
            steps.row(id, pathway, agency, step, done, done + " 12:00:00+00", "{}", id, "generated");
          }
          ledger.row(UUID.randomUUID(), "EARNING", pathway, outcomeStep, PAYER, agency, definition.code(),
              "OUTCOME_CONFIRMED", "STANDARD", outcomeRates.getOrDefault(definition.code(), 0L), CONTRACT,
              "default-1", done, done + " 12:00:01+00");
        }
        pathwayRows.flush();
        steps.flush();
        ledger.flush();
        loaded += batch;
      }
      clients.end();
      pathwayRows.end();
      steps.end();
      ledger.end();
      try (Statement sql = connection.createStatement()) {
        sql.execute("analyze client, pathway, pathway_step, payment_ledger");
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "postgres", "");
  }

  /**
   * Rows in COPY's text format, sent in one COPY per flush (a COPY holds the connection until it ends, so the
   * tables take turns).
   */
  private static final class CopyRows {
    private final Connection connection;
    private final String sql;
    private final StringBuilder pending = new StringBuilder();

    CopyRows(Connection connection, String sql) {
      this.connection = connection;
      this.sql = sql;
    }

    void row(Object... values) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          pending.append('\t');
        }
        pending.append(values[i] == null ? "\\N" : values[i].toString());
      }
      pending.append('\n');
    }

    void flush() throws SQLException {
      if (pending.isEmpty()) {
        return;
      }
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
      byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      copy.endCopy();
      pending.setLength(0);
    }

    void end() throws SQLException {
      flush();
    }
  }
}
