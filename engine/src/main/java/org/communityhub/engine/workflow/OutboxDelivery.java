package org.communityhub.engine.workflow;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.communityhub.engine.support.HubClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers the outbox to the engine. One loop claims the oldest undelivered row of each pathway in PostgreSQL
 * (see {@link Outbox#claimDueHeads}), so that every instance of the application can run this loop on one
 * database: at most one command per pathway is in flight across all of them (order per pathway) and a
 * bounded number per instance. Failures, RESOURCE_EXHAUSTED included, are retried with exponential backoff;
 * a message the engine already has (same message id) counts as delivered, so a redelivery never doubles a step.
 *
 * <p>The dead-letter rule: only a command that a reachable engine refuses (see {@link #refusedByEngine}) counts
 * towards {@code hub.outbox.dead-letter-after-refusals}; once reached, the row is dead until an administrator
 * retries it. An engine that cannot be reached (unavailable, timed out, overloaded, any other failure) fails
 * every row alike: that is an outage, and its rows keep retrying however long it lasts.
 */
@Component
class OutboxDelivery implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
  private static final Set<Status.Code> REFUSALS = EnumSet.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
      Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE);

  private final Outbox outbox;
  private final EngineDeployment deployment;
  private final CamundaClient client;
  private final HubClock clock;
  private final OutboxSettings settings;
  private final Semaphore permits;
  private final Set<UUID> pathwaysInFlight = ConcurrentHashMap.newKeySet();
  private final Object signal = new Object();
  /** Holders that need the engine left alone for a while (a rebuild redeploying and cancelling). */
  private final java.util.concurrent.atomic.AtomicInteger holds = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean running;
  private boolean signalled;
  private Thread loop;

  OutboxDelivery(Outbox outbox, EngineDeployment deployment, CamundaClient client, HubClock clock,
      OutboxSettings settings) {
    this.outbox = outbox;
    this.deployment = deployment;
    this.client = client;
    this.clock = clock;
    this.settings = settings;
    this.permits = new Semaphore(settings.maxInFlight());
  }

  /** Wakes the loop once the current transaction commits, so new rows go out without waiting a poll. */
  void wakeUpAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          wakeUp();
        }
      });
    } else {
      wakeUp();
    }
  }

  private void wakeUp() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  /**
   * Stops handing out rows until {@link #release()}, and waits (up to the shutdown bound) for commands already
   * in flight to settle. Rows keep accumulating and go out, in order, once released.
   */
  void hold() {
    holds.incrementAndGet();
    try {
      if (permits.tryAcquire(settings.maxInFlight(), 30, TimeUnit.SECONDS)) {
        permits.release(settings.maxInFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void release() {
    holds.decrementAndGet();
    wakeUp();
  }

  private void deliverUntilStopped() {
    while (running) {
      try {
        if (dispatchDueRows() == 0) {
          awaitSignal(settings.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Outbox delivery loop failed, retrying: {}", e.getMessage());
        sleepQuietly(settings.pollInterval());
      }
    }
  }

  private int dispatchDueRows() throws InterruptedException {
    if (holds.get() > 0) {
      return 0;
    }
    // Claim no more than can be sent now: a claimed row waiting here is a row no other instance may send.
    int room = Math.min(settings.batchSize(), Math.max(1, permits.availablePermits()));
    List<Outbox.Pending> heads = outbox.claimDueHeads(clock.now(), settings.claimLease(), room);
    List<Long> unsent = new ArrayList<>();
    int dispatched = 0;
    for (Outbox.Pending row : heads) {
      if (!running || holds.get() > 0 || !pathwaysInFlight.add(row.pathwayId())) {
        unsent.add(row.id());
        continue;
      }
      permits.acquire();
      if (holds.get() > 0) {
        // Checked after taking the permit: hold() waits for every permit, so nothing goes out once it returns.
        permits.release();
        pathwaysInFlight.remove(row.pathwayId());
        unsent.add(row.id());
        continue;
      }
      dispatched++;
      send(row).whenComplete((ignored, failure) -> {
        try {
          settle(row, failure);
        } finally {
          pathwaysInFlight.remove(row.pathwayId());
          permits.release();
          wakeUp();
        }
      });
    }
    outbox.releaseClaims(unsent);
    return dispatched;
  }

  private CompletableFuture<?> send(Outbox.Pending row) {
    try {
      EngineCommand command = row.command();
      return switch (command.kind()) {
        case START_PROCESS -> client.newCreateInstanceCommand()
            .processDefinitionKey(deployment.engineKeyOf(command.definitionId()))
            .variables(command.variables())
            .send()
            .toCompletableFuture();
        case PUBLISH_MESSAGE -> client.newPublishMessageCommand()
            .messageName(command.messageName())
            .correlationKey(command.correlationKey())
            .messageId(command.messageId())
            .timeToLive(timeToLive(command.aliveUntil()))
            .variables(command.variables())
            .send()
            .toCompletableFuture();
        case CANCEL_INSTANCE -> client.newCancelInstanceCommand(command.processInstanceKey())
            .send()
            .toCompletableFuture();
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Duration timeToLive(Instant aliveUntil) {
    Duration remaining = Duration.between(clock.now(), aliveUntil);
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  private void settle(Outbox.Pending row, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    Instant now = clock.now();
    if (cause == null || alreadyPublished(cause) || alreadyGone(row.command(), cause)) {
      outbox.delivered(row.id(), now);
      return;
    }
    String error = String.valueOf(cause.getMessage());
    boolean refused = refusedByEngine(cause);
    if (refused && row.refusals() + 1 >= settings.deadLetterAfterRefusals()) {
      log.error("Outbox row {} (pathway {}) refused by the engine {} times, now a dead letter holding back its "
          + "pathway until an administrator retries it: {}", row.id(), row.pathwayId(), row.refusals() + 1, error);
      outbox.deadLettered(row.id(), error, now);
      return;
    }
    Duration delay = retryDelay(row.attempts());
    log.warn("Outbox row {} (pathway {}) not delivered ({}), attempt {}, retry in {}: {}", row.id(),
        row.pathwayId(), refused ? "refused" : "engine unreachable", row.attempts() + 1, delay, error);
    outbox.failed(row.id(), error, refused, now, now.plus(delay));
  }

  private static boolean alreadyPublished(Throwable cause) {
    return statusOf(cause) == Status.Code.ALREADY_EXISTS;
  }

  /** An instance to cancel that the engine does not have any more (it ended, or was cancelled before). */
  private static boolean alreadyGone(EngineCommand command, Throwable cause) {
    return command.kind() == EngineCommand.Kind.CANCEL_INSTANCE && statusOf(cause) == Status.Code.NOT_FOUND;
  }

  /**
   * The engine answered, and said no to this command: an unknown process definition (NOT_FOUND), a command
   * it finds invalid. It would say the same again, unlike UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED
   * or a failure without an engine's answer. Authentication and permission answers are left out on purpose:
   * they are a setting of the whole client and fail every row, like an outage.
   */
  static boolean refusedByEngine(Throwable cause) {
    return REFUSALS.contains(statusOf(cause));
  }

  /**
   * The gRPC status of a failure: a command's future fails with the gRPC exception itself, a joined call
   * (deploying a definition first) with the client's wrapper; UNKNOWN when no engine answered.
   */
  static Status.Code statusOf(Throwable cause) {
    return cause instanceof ClientStatusException status ? status.getStatusCode()
        : Status.fromThrowable(cause).getCode();
  }

  private Duration retryDelay(int attempts) {
    Duration delay = settings.firstRetryDelay().multipliedBy(1L << Math.min(attempts, 16));
    return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
  }

  private void awaitSignal(Duration timeout) throws InterruptedException {
    synchronized (signal) {
      if (!signalled) {
        signal.wait(timeout.toMillis());
      }
      signalled = false;
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
    loop = Thread.ofPlatform().name("outbox-delivery").daemon().start(this::deliverUntilStopped);
  }

  @Override
  public void stop() {
    running = false;
    wakeUp();
    try {
      loop.join(Duration.ofSeconds(10));
      // Let commands in flight settle so their rows are marked before the client closes.
      if (permits.tryAcquire(settings.maxInFlight(), 10, TimeUnit.SECONDS)) {
        permits.release(settings.maxInFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the start-up work (phase 0) has published and deployed the definitions. */
  @Override
  public int getPhase() {
    return 100;
  }
}
