package org.communityhub.pathways;

import java.util.Objects;

/** A text of pathway content together with where it comes from. */
public record SourcedText(String text, Source source) {
  public SourcedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }
}
