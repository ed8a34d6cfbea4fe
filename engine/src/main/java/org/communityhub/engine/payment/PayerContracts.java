package org.communityhub.engine.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payers' contracts with their rates, as stored; rates never change once a contract is written. */
@Repository
class PayerContracts {

  private static final String SELECT = """
      select c.id, p.code as payer, c.name, c.effective_from, c.effective_to, c.requires_outcome_approval,
             c.created_by, c.created_at
        from payment_contract c join payer p on p.id = c.payer_id
      """;

  private final JdbcClient jdbc;

  PayerContracts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(UUID payerId, PayerContract contract) {
    jdbc.sql("""
            insert into payment_contract (id, payer_id, name, effective_from, effective_to,
                                          requires_outcome_approval, created_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(contract.id(), payerId, contract.name(), contract.effectiveFrom(), contract.effectiveTo(),
            contract.requiresOutcomeApproval(), contract.createdBy(), java.sql.Timestamp.from(contract.createdAt()))
        .update();
    contract.rates().forEach(rate -> jdbc.sql("""
            insert into payment_rate (contract_id, pathway_code, milestone, outcome_variant, amount_cents)
            values (?, ?, ?, ?, ?)""")
        .params(contract.id(), rate.pathwayCode(), rate.milestone(), rate.outcomeVariant(), rate.amountCents())
        .update());
  }

  Optional<PayerContract> find(UUID contractId) {
    return jdbc.sql(SELECT + " where c.id = ?").param(contractId).query(this::contract).optional();
  }

  /** The contract row locked for an update of its dates (pricing share-locks it, see ContractRates). */
  Optional<PayerContract> lock(UUID contractId) {
    return jdbc.sql(SELECT + " where c.id = ? for update of c").param(contractId).query(this::contract).optional();
  }

  List<PayerContract> ofPayer(UUID payerId) {
    return jdbc.sql(SELECT + " where c.payer_id = ? order by c.effective_from")
        .param(payerId).query(this::contract).list();
  }

  void end(UUID contractId, LocalDate effectiveTo) {
    jdbc.sql("update payment_contract set effective_to = ? where id = ?").params(effectiveTo, contractId).update();
  }

  /** The latest day of an event this contract priced: on the ledger or awaiting approval. */
  Optional<LocalDate> lastPricedDay(UUID contractId) {
    return jdbc.sql("""
            select max(day) from (
              select max(occurred_on) as day from payment_ledger where contract_id = :contract
              union all
              select max(occurred_on) from outcome_approval where contract_id = :contract) priced""")
        .param("contract", contractId)
        .query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
        .single();
  }

  private PayerContract contract(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    List<PayerContract.Rate> rates = jdbc.sql("""
            select pathway_code, milestone, outcome_variant, amount_cents from payment_rate
             where contract_id = ? order by pathway_code, milestone, outcome_variant""")
        .param(id)
        .query((rateRow, n) -> new PayerContract.Rate(rateRow.getString("pathway_code"), rateRow.getString("milestone"),
            rateRow.getString("outcome_variant"), rateRow.getLong("amount_cents")))
        .list();
    return new PayerContract(id, rs.getString("payer"), rs.getString("name"),
        rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
        rs.getBoolean("requires_outcome_approval"), rates, rs.getObject("created_by", UUID.class),
        rs.getTimestamp("created_at").toInstant());
  }
}
