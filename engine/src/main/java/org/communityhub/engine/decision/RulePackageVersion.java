package org.communityhub.engine.decision;

import java.time.Instant;
import org.communityhub.rules.Decision;

/**
 * One stored version of a decision's rule package. Its DRL never changes (decisions record the version);
 * only its status and the last activation do.
 *
 * @param createdBy   username of the administrator who uploaded it; null for the package shipped with the HUB
 * @param activatedBy username of the administrator who last activated it; null if never, or for the shipped one
 */
public record RulePackageVersion(Decision decision, String version, String drl, String checksum, String note,
    RulePackageStatus status, String createdBy, Instant createdAt, String activatedBy, Instant activatedAt) {}
