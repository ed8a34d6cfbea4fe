package org.communityhub.engine.payment;

import org.communityhub.engine.support.HubException;

/** Another payer already has this code: codes name payers in coverage and reports, so they are unique. */
public class PayerCodeTaken extends HubException {

  PayerCodeTaken(Payers.Payer existing) {
    super(Kind.CONFLICT, "Payer code " + existing.code() + " is already used by " + existing.name());
  }
}
