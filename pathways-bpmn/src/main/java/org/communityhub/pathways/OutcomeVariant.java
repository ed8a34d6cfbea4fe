package org.communityhub.pathways;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * One way a pathway's outcome can be confirmed, e.g. {@code HEALTHY_BIRTH_WEIGHT}. The payment rules name
 * the variant a confirmation earned; the payer's contract prices each variant.
 *
 * @param meaning what the variant says about the outcome, for people
 */
public record OutcomeVariant(String code, String meaning, Source source) {

  /** The variant of a pathway whose outcome has only one form. */
  public static final String STANDARD = "STANDARD";

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public OutcomeVariant {
    Objects.requireNonNull(code, "code");
  }

  /** A variant written as its bare code, as descriptors published before sources were recorded are. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static OutcomeVariant ofCode(String code) {
    return new OutcomeVariant(code, null, null);
  }
}
