package org.communityhub.engine.registry;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Normalised keys for the duplicate check. Names lose accents, case and punctuation and their words are
 * sorted, so "María-José García" and "garcia maria jose" match, as do swapped given and family names.
 */
final class NameKey {

  private NameKey() {}

  static String of(String givenName, String familyName) {
    String folded = Normalizer.normalize(givenName + " " + familyName, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z]+", " ")
        .strip();
    return Arrays.stream(folded.split(" "))
        .filter(word -> !word.isEmpty())
        .sorted()
        .collect(Collectors.joining(" "));
  }

  /** The last ten digits: "(614) 555-0100" and "+1 614 555 0100" are the same phone. */
  static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("\\D", "");
    if (digits.isEmpty()) {
      return null;
    }
    return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
  }
}
