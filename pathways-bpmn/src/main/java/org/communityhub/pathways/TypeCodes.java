package org.communityhub.pathways;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The codes a parameterised pathway is opened with, e.g. the referral types of Medical Referral. One
 * definition serves every code; a client may have one open pathway per code. The list is data: a HUB
 * extends it by publishing a new version of the definition.
 *
 * @param label what a code names, e.g. "referral type"
 */
public record TypeCodes(String label, List<TypeCode> codes) {

  public TypeCodes {
    Objects.requireNonNull(label, "label");
    codes = codes == null ? List.of() : List.copyOf(codes);
    if (codes.isEmpty()) throw new IllegalArgumentException("a type code list must name at least one code");
    Set<String> seen = new HashSet<>();
    for (TypeCode code : codes) {
      if (!seen.add(code.code())) throw new IllegalArgumentException("type code " + code.code() + " is listed twice");
    }
  }

  /** The code with this name. */
  public Optional<TypeCode> find(String code) {
    return codes.stream().filter(c -> c.code().equals(code)).findFirst();
  }

  /** One code, e.g. {@code CARDIOLOGY}, with its name for people. */
  public record TypeCode(String code, String name, Source source) {
    public TypeCode {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(name, "name");
    }
  }
}
