package org.communityhub.engine.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The payers (funders) the HUB bills, by their short code. */
@Repository
public class Payers {

  private final JdbcClient jdbc;

  Payers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Payer(UUID id, String code, String name) {}

  /** A payer as a HUB administrator names it; the code is what clients' coverage and reports use. */
  public record NewPayer(@NotBlank @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String code,
      @NotBlank @Size(max = 200) String name) {}

  public record Registered(Payer payer, boolean created) {}

  /** Adds the payer; a retry of the same request answers the payer it added, another name for the code is refused. */
  @Transactional
  public Registered register(NewPayer request) {
    int inserted = jdbc.sql("insert into payer (id, code, name) values (?, ?, ?) on conflict (code) do nothing")
        .params(UUID.randomUUID(), request.code(), request.name()).update();
    Payer payer = find(request.code()).orElseThrow();
    if (inserted == 0 && !payer.name().equals(request.name())) {
      throw new PayerCodeTaken(payer);
    }
    return new Registered(payer, inserted == 1);
  }

  public Optional<Payer> find(String code) {
    return jdbc.sql("select id, code, name from payer where code = ?").param(code)
        .query((rs, row) -> new Payer(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name")))
        .optional();
  }

  /** Locks the payer's row: its contracts are written one at a time. */
  void lock(UUID payerId) {
    jdbc.sql("select id from payer where id = ? for update").param(payerId).query(UUID.class).single();
  }

  public Optional<UUID> idOf(String code) {
    return find(code).map(Payer::id);
  }
}
