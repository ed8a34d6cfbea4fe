package org.communityhub.engine.payment;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payers (funders) the HUB bills, by their short code. */
@Repository
public class Payers {

  private final JdbcClient jdbc;

  Payers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<UUID> idOf(String code) {
    return jdbc.sql("select id from payer where code = ?").param(code).query(UUID.class).optional();
  }
}
