package org.communityhub.api.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.communityhub.engine.decision.RulePackageAuthoring;
import org.communityhub.engine.decision.RulePackageStatus;
import org.communityhub.engine.decision.RulePackageVersion;

/**
 * One version of a rule package as the API shows it; the DRL only when one version is asked for.
 *
 * @param createdBy null for the package shipped with the HUB
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RulePackageView(String decision, String version, RulePackageStatus status, String note, String checksum,
    String createdBy, Instant createdAt, String activatedBy, Instant activatedAt, String drl) {

  static RulePackageView summary(RulePackageVersion stored) {
    return of(stored, null);
  }

  static RulePackageView withDrl(RulePackageVersion stored) {
    return of(stored, stored.drl());
  }

  private static RulePackageView of(RulePackageVersion stored, String drl) {
    return new RulePackageView(RulePackageAuthoring.name(stored.decision()), stored.version(), stored.status(),
        stored.note(), stored.checksum(), stored.createdBy(), stored.createdAt(), stored.activatedBy(),
        stored.activatedAt(), drl);
  }
}
