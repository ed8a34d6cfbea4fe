package org.communityhub.engine.workflow;

import java.util.List;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.HubException;
import org.communityhub.engine.support.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What HUB administrators see of the outbox, and the one thing they do to it: retry a dead letter. */
@Service
public class OutboxAdministration {

  private final Outbox outbox;
  private final OutboxDelivery delivery;
  private final HubClock clock;

  OutboxAdministration(Outbox outbox, OutboxDelivery delivery, HubClock clock) {
    this.outbox = outbox;
    this.delivery = delivery;
    this.clock = clock;
  }

  /** The oldest dead letters first: the order their pathways are held back in. */
  @Transactional(readOnly = true)
  public List<DeadLetter> deadLetters(int limit) {
    return outbox.deadLetters(limit);
  }

  @Transactional(readOnly = true)
  public OutboxBacklog backlog() {
    return outbox.backlog(clock.now());
  }

  /**
   * Puts a dead letter back into delivery, due now. Idempotent: a row already back in delivery stays there;
   * a delivered row has nothing to retry.
   */
  @Transactional
  public OutboxRowState retry(long id) {
    if (outbox.revive(id, clock.now())) {
      delivery.wakeUpAfterCommit();
    }
    OutboxRowState state = outbox.stateOf(id).orElseThrow(() -> new NotFound("Outbox row", id));
    if (state == OutboxRowState.DELIVERED) {
      throw new AlreadyDelivered(id);
    }
    return state;
  }

  /** Retrying a delivered row would send its command twice. */
  public static final class AlreadyDelivered extends HubException {

    AlreadyDelivered(long id) {
      super(Kind.CONFLICT, "Outbox row " + id + " was delivered; there is nothing to retry");
    }
  }
}
