package org.communityhub.engine.decision;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.communityhub.engine.support.HubClock;
import org.communityhub.rules.CompileResult;
import org.communityhub.rules.Decision;
import org.communityhub.rules.DefaultRulePackages;
import org.communityhub.rules.RulePackageRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's compiled packages in step with PostgreSQL, where the version in force per decision
 * lives. At start (before the engine, the job workers and the web server) it seeds the shipped packages as
 * the first versions and activates what PostgreSQL says is in force, so a restart keeps an activation; then
 * it asks again every {@code hub.rules.refresh-interval}, so an activation made on any instance reaches
 * this one within seconds. Every instance polls; nothing needs a leader.
 */
@Component
class ActiveRulePackages implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ActiveRulePackages.class);

  private final RulePackageVersions versions;
  private final RulePackageRegistry registry;
  private final HubClock clock;
  private final RuleSettings settings;
  /** Stored versions that fail here (e.g. after an upgrade that added example facts): reported once, not retried. */
  private final Set<String> failedHere = ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService poller;

  ActiveRulePackages(RulePackageVersions versions, RulePackageRegistry registry, HubClock clock,
      RuleSettings settings) {
    this.versions = versions;
    this.registry = registry;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Activates here whatever PostgreSQL has in force and this instance does not. Synchronised so that a poll
   * that read PostgreSQL before an activation committed cannot undo the refresh that follows the commit.
   */
  synchronized void refresh() {
    for (Map.Entry<Decision, String> inForce : versions.activeVersions().entrySet()) {
      Decision decision = inForce.getKey();
      String version = inForce.getValue();
      if (registry.activeVersion(decision).filter(version::equals).isPresent()
          || failedHere.contains(decision + " " + version)) {
        continue;
      }
      RulePackageVersion stored = versions.find(decision, version).orElseThrow();
      CompileResult compiled = compileHere(stored);
      if (compiled.succeeded()) {
        registry.activate(decision, version);
      } else {
        failedHere.add(decision + " " + version);
        log.error("{} rule package {} is in force in PostgreSQL but does not compile here; keeping {}: {}",
            decision, version, registry.activeVersion(decision).orElse("none"), compiled.errors());
      }
    }
  }

  /**
   * Compiles a stored version into this instance's registry unless it is there already, running the decision's
   * example facts through it (the registry keeps only packages that compile and pass them).
   */
  CompileResult compileHere(RulePackageVersion stored) {
    return registry.compile(stored.decision(), stored.version(), stored.drl());
  }

  /** The checks {@link #compileHere} makes, for DRL that is not stored yet; keeps nothing. */
  CompileResult check(Decision decision, String drl) {
    return registry.check(decision, drl);
  }

  @Override
  public void start() {
    for (Decision decision : Decision.values()) {
      if (versions.seedIfAbsent(decision, DefaultRulePackages.VERSION, DefaultRulePackages.drl(decision), clock.now())) {
        log.info("Recorded the shipped {} rule package as version {}, in force", decision, DefaultRulePackages.VERSION);
      }
    }
    refresh();
    for (Decision decision : Decision.values()) {
      // Without a package a decision cannot be made at all: better not to start than to fail every request.
      registry.activeVersion(decision).orElseThrow(() -> new IllegalStateException(
          "No " + decision + " rule package could be put in force; see the errors above"));
    }
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("rule-package-refresh").daemon().factory());
    long interval = settings.refreshInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
    poller = scheduler;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // PostgreSQL away for a moment: keep the packages in force and ask again at the next interval.
      log.warn("Could not refresh the rule packages in force: {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService scheduler = poller;
    poller = null;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }

  /** Before the start-up work of the workflow (phase 0), the outbox, the job workers and the web server. */
  @Override
  public int getPhase() {
    return -100;
  }
}
