package org.communityhub.pathways;

import java.util.Objects;

/**
 * What confirming a pathway's outcome takes: who may confirm it and how. When is always the date of the
 * confirmation, recorded with the outcome step's evidence.
 *
 * @param confirmedBy who can confirm the outcome, e.g. "the landlord or housing provider"
 * @param method how it is confirmed, e.g. "signed lease seen"
 */
public record OutcomeEvidence(String confirmedBy, String method, Source source) {

  public OutcomeEvidence {
    Objects.requireNonNull(confirmedBy, "confirmedBy");
    Objects.requireNonNull(method, "method");
  }
}
