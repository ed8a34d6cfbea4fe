package org.communityhub.engine.payment;

import org.communityhub.engine.pathway.PathwayEvents.StepVoided;
import org.communityhub.engine.support.HubClock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a voided step earned is taken back: its earnings get reversal rows, and an outcome it held for
 * approval is withdrawn. Listens inside the transaction of the void, so both commit together.
 */
@Component
class PaymentCorrections {

  private final PaymentLedger ledger;
  private final OutcomeApprovals approvals;
  private final HubClock clock;

  PaymentCorrections(PaymentLedger ledger, OutcomeApprovals approvals, HubClock clock) {
    this.ledger = ledger;
    this.approvals = approvals;
    this.clock = clock;
  }

  @EventListener
  void on(StepVoided voided) {
    ledger.reverseEarningsOf(voided.stepId(), clock.now());
    approvals.withdraw(voided.stepId(), clock.now());
  }
}
