package org.communityhub.api.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.decision.RulePackageAuthoring;
import org.communityhub.engine.decision.RulePackageDryRun;
import org.communityhub.engine.decision.RulePackageVersion;
import org.communityhub.rules.Decision;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rule packages per decision (risk, eligibility, payment): upload DRL as a draft (422 with every compile
 * error's line and column), list and read versions, try a draft, activate it. HUB administrators only
 * (the security chain guards /admin/**).
 */
@RestController
class RulePackageController {

  private static final String DECISION = "risk|eligibility|payment";
  /** HUB-assigned names: default-1, risk-2, payment-13. */
  private static final String VERSION = "[a-z]+-[0-9]{1,9}";

  private final RulePackageAuthoring authoring;
  private final RulePackageDryRun dryRun;
  private final CurrentActor actor;

  RulePackageController(RulePackageAuthoring authoring, RulePackageDryRun dryRun, CurrentActor actor) {
    this.authoring = authoring;
    this.dryRun = dryRun;
    this.actor = actor;
  }

  /** Stores the DRL as the decision's next version, a draft: nothing changes until it is activated. */
  @PostMapping("/admin/rule-packages/{decision}")
  ResponseEntity<RulePackageView> upload(@PathVariable @Pattern(regexp = DECISION) String decision,
      @Valid @RequestBody RulePackageAuthoring.RulePackageUpload upload) {
    RulePackageVersion stored = authoring.upload(decisionOf(decision), upload, actor.get());
    return ResponseEntity.created(URI.create("/admin/rule-packages/" + decision + "/" + stored.version()))
        .body(RulePackageView.summary(stored));
  }

  /** Every version of the decision's package, oldest first, with its status. */
  @GetMapping("/admin/rule-packages/{decision}")
  List<RulePackageView> versions(@PathVariable @Pattern(regexp = DECISION) String decision) {
    return authoring.versions(decisionOf(decision)).stream().map(RulePackageView::summary).toList();
  }

  @GetMapping("/admin/rule-packages/{decision}/{version}")
  RulePackageView version(@PathVariable @Pattern(regexp = DECISION) String decision,
      @PathVariable @Pattern(regexp = VERSION) @Size(max = 32) String version) {
    return RulePackageView.withDrl(authoring.version(decisionOf(decision), version));
  }

  /** Puts the version in force: here at once, on every instance within hub.rules.refresh-interval. */
  @PostMapping("/admin/rule-packages/{decision}/{version}/activate")
  RulePackageView activate(@PathVariable @Pattern(regexp = DECISION) String decision,
      @PathVariable @Pattern(regexp = VERSION) @Size(max = 32) String version) {
    return RulePackageView.summary(authoring.activate(decisionOf(decision), version, actor.get()));
  }

  /** What the version would decide on the facts given and on the records of a period; writes nothing. */
  @PostMapping("/admin/rule-packages/{decision}/{version}/dry-run")
  RulePackageDryRun.DryRunReport dryRun(@PathVariable @Pattern(regexp = DECISION) String decision,
      @PathVariable @Pattern(regexp = VERSION) @Size(max = 32) String version,
      @Valid @RequestBody RulePackageDryRun.DryRunRequest request) {
    return dryRun.tryOut(decisionOf(decision), version, request);
  }

  private static Decision decisionOf(String decision) {
    return Decision.valueOf(decision.toUpperCase(Locale.ROOT));
  }
}
