package org.communityhub.engine.payment;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payers' contracts: what a milestone of a pathway, with its outcome variant, is worth on a given date. */
@Repository
class ContractRates {

  private final JdbcClient jdbc;

  ContractRates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Rate(UUID contractId, long amountCents, boolean requiresOutcomeApproval) {}

  /** The rate of the payer's contract in force on the day the event occurred: a plain read (a dry run). */
  Optional<Rate> rateOn(LocalDate occurredOn, UUID payerId, String pathwayCode, String milestone,
      String outcomeVariant) {
    return find(occurredOn, payerId, pathwayCode, milestone, outcomeVariant, "");
  }

  /**
   * The same rate, to bill by it: the contract row is share-locked until the pricing commits, so that ending
   * the contract concurrently waits and then sees this event.
   */
  Optional<Rate> rateToBill(LocalDate occurredOn, UUID payerId, String pathwayCode, String milestone,
      String outcomeVariant) {
    return find(occurredOn, payerId, pathwayCode, milestone, outcomeVariant, " for share of c");
  }

  private Optional<Rate> find(LocalDate occurredOn, UUID payerId, String pathwayCode, String milestone,
      String outcomeVariant, String lock) {
    return jdbc.sql("""
            select c.id as contract_id, r.amount_cents, c.requires_outcome_approval
              from payment_contract c
              join payment_rate r on r.contract_id = c.id
             where c.payer_id = :payer
               and c.effective_from <= :day and (c.effective_to is null or c.effective_to >= :day)
               and r.pathway_code = :pathway and r.milestone = :milestone and r.outcome_variant = :variant
             order by c.effective_from desc
             limit 1""" + lock)
        .param("payer", payerId)
        .param("day", occurredOn)
        .param("pathway", pathwayCode)
        .param("milestone", milestone)
        .param("variant", outcomeVariant)
        .query((rs, row) -> new Rate(rs.getObject("contract_id", UUID.class), rs.getLong("amount_cents"),
            rs.getBoolean("requires_outcome_approval")))
        .optional();
  }
}
