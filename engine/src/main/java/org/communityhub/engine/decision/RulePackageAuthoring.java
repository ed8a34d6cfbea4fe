package org.communityhub.engine.decision;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.NotFound;
import org.communityhub.rules.CompileResult;
import org.communityhub.rules.Decision;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HUB administrators' rule packages: a DRL upload is compiled (and run on the decision's example facts)
 * before anything is stored, so every stored version compiles; activation puts a stored version in force
 * in PostgreSQL, here at once and on every other instance at its next refresh. Decisions already made keep
 * the version they recorded.
 */
@Service
public class RulePackageAuthoring {

  private final RulePackageVersions versions;
  private final ActiveRulePackages activePackages;
  private final TransactionTemplate transactions;
  private final HubClock clock;

  RulePackageAuthoring(RulePackageVersions versions, ActiveRulePackages activePackages,
      TransactionTemplate transactions, HubClock clock) {
    this.versions = versions;
    this.activePackages = activePackages;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** An upload: the whole DRL of the package, and why it was written. */
  public record RulePackageUpload(@NotBlank @Size(max = 60_000) String drl, @Size(max = 500) String note) {}

  /**
   * Stores the DRL as the decision's next version (e.g. {@code payment-2}), a draft, not in force.
   *
   * @throws RulePackageRejected with every error located in the DRL when it does not compile or fails on
   *     the decision's example facts; nothing is stored then
   */
  public RulePackageVersion upload(Decision decision, RulePackageUpload upload, Actor actor) {
    // Outside any transaction: compiling takes a second or so. The stored version is compiled under its own
    // name when it is first tried or activated.
    CompileResult result = activePackages.check(decision, upload.drl());
    if (!result.succeeded()) {
      throw new RulePackageRejected("The " + name(decision) + " rule package does not compile or fails on the "
          + "decision's example facts: nothing was stored", result.errors());
    }
    String version = transactions.execute(status -> {
      versions.lockDecision(decision);
      int sequence = versions.nextSequence(decision);
      String next = name(decision) + "-" + sequence;
      versions.insertDraft(decision, next, sequence, upload.drl(), blankToNull(upload.note()), actor.userId(),
          clock.now());
      return next;
    });
    return version(decision, version);
  }

  /**
   * Puts a stored version in force (a retired one too: that is a roll-back); an active one stays as it is.
   * Refused when the version does not compile or fails on the decision's example facts here, which can only
   * happen when this release of the HUB checks more than the one that stored it.
   */
  public RulePackageVersion activate(Decision decision, String version, Actor actor) {
    RulePackageVersion stored = version(decision, version);
    if (stored.status() == RulePackageStatus.ACTIVE) {
      return stored;
    }
    CompileResult result = activePackages.compileHere(stored);
    if (!result.succeeded()) {
      throw new RulePackageRejected("The " + name(decision) + " rule package " + version
          + " fails the checks of this release of the HUB: it was not activated", result.errors());
    }
    transactions.executeWithoutResult(status -> {
      versions.lockDecision(decision);
      versions.activate(decision, version, actor.userId(), clock.now());
    });
    activePackages.refresh(); // in force here at once; other instances follow at their next refresh
    return version(decision, version);
  }

  /** Every version of the decision, oldest first. */
  public List<RulePackageVersion> versions(Decision decision) {
    return versions.all(decision);
  }

  /** @throws NotFound when the decision has no such version */
  public RulePackageVersion version(Decision decision, String version) {
    return versions.find(decision, version)
        .orElseThrow(() -> new NotFound("The " + name(decision) + " rule package", version));
  }

  /** risk, eligibility, payment: how the API and the version names spell a decision. */
  public static String name(Decision decision) {
    return decision.name().toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
