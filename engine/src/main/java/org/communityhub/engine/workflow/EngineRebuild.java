package org.communityhub.engine.workflow;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.definition.PathwayDefinition;
import org.communityhub.engine.definition.PathwayDefinitions;
import org.communityhub.engine.pathway.PathwayReplays;
import org.communityhub.engine.pathway.PathwayReplays.OpenPathway;
import org.communityhub.engine.pathway.PathwayReplays.Replay;
import org.communityhub.engine.support.ClusterLocks;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.communityhub.engine.workflow.EngineRebuilds.Outcome;
import org.communityhub.engine.workflow.RebuildProgress.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds engine state from PostgreSQL, the system of record: after the broker's data was lost, or to move
 * a HUB to another engine (a cluster). In phases, with the outbox's delivery held until the engine is ready:
 * <ol>
 *   <li>wait until the engine is reachable;</li>
 *   <li>redeploy every definition version an open pathway uses (and every active one, for pathways yet to
 *       open), recording the engine's new key for each: pathways keep their own version;</li>
 *   <li>cancel the process instances that ran the open pathways, if the engine still has them (a rebuild on
 *       an engine that kept its data, or run twice), so that one instance per pathway is left. Done before
 *       anything starts: a key recorded by a lost engine may name a new instance of this engine, and at this
 *       point every instance it has belongs to an open pathway that is about to be started again anyway;</li>
 *   <li>hand each open pathway over to a new instance: in one transaction under the pathway's lock, its
 *       undelivered outbox rows are superseded by its start (original deadline: the time limit still counts
 *       from the opening), its recorded steps in order and a pending close request, which the outbox delivers
 *       like any other rows, in order per pathway. Workers are idempotent per step, so a replayed payment
 *       step returns the decision stored the first time and the ledger is not doubled.</li>
 * </ol>
 * Resumable: an interrupted rebuild resumes at the next start; pathways it handed over are not handed over
 * again. Running it again (one at a time) cancels the instances the previous one started and starts anew.
 *
 * <p>Once across instances: whoever runs a rebuild holds the advisory lock {@link ClusterLocks#ENGINE_REBUILD}
 * for as long as it runs, so instances starting together with {@code on-start} run one rebuild, and a request
 * on another instance is refused. If the instance running it dies, its lock goes with its session, and
 * another instance resumes the rebuild within {@code takeover-interval}. Every instance holds its outbox
 * delivery while a rebuild redeploys and cancels ({@link Outbox#claimDueHeads} claims nothing then).
 */
@Service
public class EngineRebuild implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EngineRebuild.class);

  private final EngineRebuilds rebuilds;
  private final PathwayReplays replays;
  private final PathwayDefinitions definitions;
  private final EngineDeployment deployment;
  private final Outbox outbox;
  private final OutboxDelivery delivery;
  private final CamundaClient client;
  private final TransactionTemplate transactions;
  private final HubClock clock;
  private final RebuildSettings settings;
  private final ClusterLocks locks;
  private volatile ScheduledExecutorService takeover;
  private volatile boolean running;
  private volatile boolean stopping;
  private volatile Thread runner;

  EngineRebuild(EngineRebuilds rebuilds, PathwayReplays replays, PathwayDefinitions definitions,
      EngineDeployment deployment, Outbox outbox, OutboxDelivery delivery, CamundaClient client,
      TransactionTemplate transactions, HubClock clock, RebuildSettings settings, ClusterLocks locks) {
    this.locks = locks;
    this.rebuilds = rebuilds;
    this.replays = replays;
    this.definitions = definitions;
    this.deployment = deployment;
    this.outbox = outbox;
    this.delivery = delivery;
    this.client = client;
    this.transactions = transactions;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Starts a rebuild of every open pathway, or of the pathways named; it runs in the background (follow it
   * with {@link #progress}). Refused while another rebuild runs.
   */
  public RebuildProgress start(List<UUID> pathwayIds, Actor actor) {
    List<UUID> scope = pathwayIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(pathwayIds));
    List<UUID> unknown = rebuilds.unknownPathways(scope);
    if (!unknown.isEmpty()) {
      throw new InvalidInput("pathwayIds", "no such pathway: " + unknown.getFirst());
    }
    ClusterLocks.Held lock = lockOrConflict();
    UUID id;
    try {
      id = rebuilds.begin(actor.username(), scope, clock.now());
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    log.info("Engine rebuild {} requested by {} for {}", id, actor.username(),
        scope.isEmpty() ? "every open pathway" : scope.size() + " pathways");
    launch(id, Phase.WAITING_FOR_ENGINE, lock);
    return progress(id);
  }

  /** The rebuild lock, or 409 naming the rebuild that runs (on this instance or another). */
  private ClusterLocks.Held lockOrConflict() {
    for (int attempt = 0; ; attempt++) {
      Optional<ClusterLocks.Held> lock = locks.tryHold(ClusterLocks.ENGINE_REBUILD);
      if (lock.isPresent()) {
        return lock.get();
      }
      Optional<UUID> other = rebuilds.running();
      if (other.isPresent()) {
        throw new RebuildAlreadyRunning(other.get());
      }
      if (attempt == 20) {
        throw new IllegalStateException("The engine rebuild lock is held, but no rebuild is running");
      }
      // Another instance holds it for a moment while it looks for an interrupted rebuild.
      sleepQuietly(Duration.ofMillis(100));
    }
  }

  public RebuildProgress progress(UUID id) {
    return rebuilds.progress(id).orElseThrow(() -> new NotFound("Engine rebuild", id));
  }

  /**
   * At start-up, after the definitions are published and before the outbox delivers: an interrupted rebuild
   * resumes, and {@code hub.engine.rebuild.on-start} starts a new one. Delivery is held from here on when
   * the rebuild has not yet redeployed, so that nothing is sent to the engine on a key it does not know.
   */
  @Override
  public void start() {
    running = true;
    stopping = false;
    takeOver(settings.onStart());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("engine-rebuild-takeover").daemon().factory());
    long interval = settings.takeoverInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::takeOverQuietly, interval, interval, TimeUnit.MILLISECONDS);
    takeover = scheduler;
  }

  /**
   * Resumes a rebuild that is RUNNING in PostgreSQL but run by nobody (its lock is free: interrupted by a
   * shutdown, or its instance died), or else, if {@code startNew}, starts one, unless another instance runs one.
   */
  private synchronized void takeOver(boolean startNew) {
    Thread current = runner;
    if (stopping || (current != null && current.isAlive())) {
      return;
    }
    if (rebuilds.running().isEmpty() && !startNew) {
      return;
    }
    Optional<ClusterLocks.Held> lock = locks.tryHold(ClusterLocks.ENGINE_REBUILD);
    if (lock.isEmpty()) {
      if (startNew) {
        log.info("Another instance is rebuilding engine state; hub.engine.rebuild.on-start starts no second one");
      }
      return;
    }
    try {
      Optional<UUID> interrupted = rebuilds.running();
      if (interrupted.isPresent()) {
        log.info("Engine rebuild {} was interrupted; resuming it", interrupted.get());
        launch(interrupted.get(), progress(interrupted.get()).phase(), lock.get());
      } else if (startNew) {
        UUID id = rebuilds.begin("start-up", List.of(), clock.now());
        log.info("Engine rebuild {} at start-up (hub.engine.rebuild.on-start)", id);
        launch(id, Phase.WAITING_FOR_ENGINE, lock.get());
      } else {
        lock.get().close();
      }
    } catch (RuntimeException e) {
      lock.get().close();
      throw e;
    }
  }

  private void takeOverQuietly() {
    try {
      takeOver(false);
    } catch (RuntimeException e) {
      log.warn("Could not look for an interrupted engine rebuild: {}", e.getMessage());
    }
  }

  private void launch(UUID id, Phase phase, ClusterLocks.Held lock) {
    boolean beforeReplay = phase != Phase.REPLAYING;
    if (beforeReplay) {
      delivery.hold();
    }
    runner = Thread.ofPlatform().name("engine-rebuild").daemon().start(() -> {
      try (lock) {
        run(id, beforeReplay);
      }
    });
  }

  private void run(UUID id, boolean fromTheStart) {
    try {
      List<UUID> scope = progress(id).scope();
      if (fromTheStart) {
        try {
          rebuilds.phase(id, Phase.WAITING_FOR_ENGINE);
          awaitEngine();
          rebuilds.phase(id, Phase.REDEPLOYING);
          List<OpenPathway> open = openPathways(scope);
          rebuilds.pathwaysTotal(id, scope.isEmpty() ? open.size() : scope.size());
          redeploy(id, open, scope.isEmpty());
          rebuilds.phase(id, Phase.CANCELLING);
          cancelPreviousInstances(open);
          rebuilds.phase(id, Phase.REPLAYING);
        } finally {
          delivery.release();
        }
      }
      replay(id, scope);
      rebuilds.finished(id, clock.now());
      RebuildProgress done = progress(id);
      log.info("Engine rebuild {} finished: {} pathways handed over, {} failed", id, done.pathwaysDone(),
          done.pathwaysFailed());
    } catch (Stopping stopped) {
      log.info("Engine rebuild {} interrupted by shutdown; it resumes at the next start", id);
    } catch (RuntimeException e) {
      log.error("Engine rebuild {} failed", id, e);
      rebuilds.failed(id, String.valueOf(e.getMessage()), clock.now());
    }
  }

  private List<OpenPathway> openPathways(List<UUID> scope) {
    Set<UUID> asked = Set.copyOf(scope);
    return replays.openPathways().stream()
        .filter(open -> asked.isEmpty() || asked.contains(open.id()))
        .toList();
  }

  private void awaitEngine() {
    while (true) {
      requireNotStopping();
      try {
        client.newTopologyRequest().requestTimeout(Duration.ofSeconds(10)).send().join();
        return;
      } catch (RuntimeException unreachable) {
        log.info("Engine rebuild waits for the engine: {}", unreachable.getMessage());
        pause(Duration.ofSeconds(2));
      }
    }
  }

  private void redeploy(UUID id, List<OpenPathway> open, boolean everyActiveVersion) {
    Set<UUID> versions = new LinkedHashSet<>();
    open.forEach(pathway -> versions.add(pathway.definitionId()));
    if (everyActiveVersion) {
      definitions.findByActiveTrueOrderByCode().stream().map(PathwayDefinition::id).forEach(versions::add);
    }
    int deployed = 0;
    for (UUID version : versions) {
      requireNotStopping();
      withEngine(() -> deployment.redeploy(version));
      rebuilds.definitionsRedeployed(id, ++deployed);
    }
    log.info("Engine rebuild {}: {} definition versions redeployed", id, deployed);
  }

  private void cancelPreviousInstances(List<OpenPathway> open) {
    List<Long> keys = open.stream().map(OpenPathway::processInstanceKey).filter(Objects::nonNull).toList();
    int cancelled = 0;
    for (int from = 0; from < keys.size(); from += settings.cancelsInFlight()) {
      requireNotStopping();
      List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + settings.cancelsInFlight()));
      cancelled += withEngine(() -> cancel(chunk));
    }
    log.info("Engine rebuild: {} of {} previous process instances were still in the engine and are cancelled",
        cancelled, keys.size());
  }

  /** How many it cancelled; an instance the engine does not have (NOT_FOUND) is fine: it is gone already. */
  private int cancel(List<Long> instanceKeys) {
    List<CompletableFuture<Throwable>> answers = instanceKeys.stream()
        .map(key -> client.newCancelInstanceCommand(key).send().toCompletableFuture()
            .handle((ignored, failure) -> failure))
        .toList();
    int cancelled = 0;
    RuntimeException unreachable = null;
    for (CompletableFuture<Throwable> answer : answers) {
      Throwable failure = unwrap(answer.join());
      if (failure == null) {
        cancelled++;
      } else if (!OutboxDelivery.refusedByEngine(failure)) {
        unreachable = failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
      }
    }
    if (unreachable != null) {
      throw unreachable; // the whole chunk again: the ones cancelled answer NOT_FOUND then
    }
    return cancelled;
  }

  private void replay(UUID id, List<UUID> scope) {
    Set<UUID> handedOver = rebuilds.handedOver(id);
    List<UUID> candidates = scope.isEmpty()
        ? replays.openPathways().stream().map(OpenPathway::id).toList()
        : scope;
    List<UUID> toDo = candidates.stream().filter(pathway -> !handedOver.contains(pathway)).toList();
    rebuilds.pathwaysTotal(id, handedOver.size() + toDo.size());
    log.info("Engine rebuild {}: handing {} pathways over ({} done before)", id, toDo.size(), handedOver.size());
    for (UUID pathwayId : toDo) {
      requireNotStopping();
      try {
        transactions.executeWithoutResult(tx -> handOver(id, pathwayId));
      } catch (RuntimeException e) {
        log.warn("Engine rebuild {}: pathway {} not handed over: {}", id, pathwayId, e.getMessage());
        rebuilds.pathway(id, pathwayId, Outcome.FAILED, 0, String.valueOf(e.getMessage()), clock.now());
      }
    }
  }

  private void handOver(UUID rebuildId, UUID pathwayId) {
    Instant now = clock.now();
    Replay replay = replays.handOver(pathwayId).orElse(null);
    if (replay == null) {
      rebuilds.pathway(rebuildId, pathwayId, Outcome.CLOSED, 0, null, now);
      return;
    }
    outbox.supersede(pathwayId, rebuildId, now);
    ReplayCommands.append(outbox, replay, "rebuild-" + rebuildId + "-", now);
    rebuilds.pathway(rebuildId, pathwayId, Outcome.REPLAYED, replay.steps().size(), null, now);
    delivery.wakeUpAfterCommit();
  }

  /**
   * Runs a call, retrying while the engine cannot be reached (up to {@code engine-unreachable-for}); a
   * refusal by the engine is not retried.
   */
  private <T> T withEngine(Supplier<T> call) {
    Instant giveUp = clock.now().plus(settings.engineUnreachableFor());
    Duration delay = Duration.ofMillis(500);
    while (true) {
      requireNotStopping();
      try {
        return call.get();
      } catch (RuntimeException e) {
        Throwable cause = unwrap(e);
        if (OutboxDelivery.refusedByEngine(cause) || clock.now().isAfter(giveUp)) {
          throw e;
        }
        log.warn("Engine rebuild: engine unreachable ({}), retrying in {}", cause.getMessage(), delay);
        pause(delay);
        delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15)
            : delay.multipliedBy(2);
      }
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
  }

  /** Sleeps in small steps so that a shutdown is not kept waiting. */
  private void pause(Duration duration) {
    Instant until = Instant.now().plus(duration);
    while (Instant.now().isBefore(until)) {
      requireNotStopping();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopping();
      }
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireNotStopping() {
    if (stopping) {
      throw new Stopping();
    }
  }

  /** The application is shutting down: the rebuild stays RUNNING in PostgreSQL and resumes at the next start. */
  private static final class Stopping extends RuntimeException {
    Stopping() {
      super("stopping", null, false, false);
    }
  }

  @Override
  public void stop() {
    stopping = true;
    ScheduledExecutorService scheduler = takeover;
    takeover = null;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    Thread current = runner;
    if (current != null) {
      try {
        current.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the start-up work (0) has published and deployed definitions, before the outbox delivers (100). */
  @Override
  public int getPhase() {
    return 50;
  }
}
