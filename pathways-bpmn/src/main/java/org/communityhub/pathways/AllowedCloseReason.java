package org.communityhub.pathways;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/** A reason a pathway may end Finished Incomplete for, and where allowing it comes from. */
public record AllowedCloseReason(CloseReason reason, Source source) {

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public AllowedCloseReason {
    Objects.requireNonNull(reason, "reason");
  }

  /** A reason written as its bare name, as descriptors published before sources were recorded are. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static AllowedCloseReason ofName(String reason) {
    return new AllowedCloseReason(CloseReason.valueOf(reason), null);
  }
}
