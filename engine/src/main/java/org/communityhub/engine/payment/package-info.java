/** Payers, their contracts, the append-only payment ledger and what the ledger says is owed. */
package org.communityhub.engine.payment;
