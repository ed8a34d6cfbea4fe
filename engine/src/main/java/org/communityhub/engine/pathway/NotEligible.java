package org.communityhub.engine.pathway;

import java.util.List;
import java.util.Map;
import org.communityhub.engine.support.HubException;
import org.communityhub.rules.eligibility.EligibilityDecision;

/** The eligibility rules refused the pathway for this client; the reasons name the rules. */
public class NotEligible extends HubException {

  private final EligibilityDecision decision;

  NotEligible(String code, EligibilityDecision decision) {
    super(Kind.UNPROCESSABLE, "The client is not eligible for the " + code + " pathway");
    this.decision = decision;
  }

  @Override
  public Map<String, Object> properties() {
    List<Map<String, String>> reasons = decision.reasons().stream()
        .map(reason -> Map.of("rule", reason.ruleName(), "reason", reason.reason()))
        .toList();
    return Map.of("reasons", reasons, "rulePackageVersion", decision.rulePackageVersion());
  }
}
