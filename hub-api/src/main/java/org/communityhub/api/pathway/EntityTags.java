package org.communityhub.api.pathway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.engine.pathway.Pathway;

/** A pathway's revision as an entity tag (ETag), and the revision an If-Match header asks for. */
final class EntityTags {

  static final String STALE = """
      If-Match names a version the pathway no longer has: it changed since the caller read it (a step, a close \
      request, the engine's progress). Read it again (GET, its ETag), then decide.""";

  private static final Pattern TAG = Pattern.compile("^(?:W/)?\"(\\d{1,18})\"$");

  private EntityTags() {}

  static String of(Pathway pathway) {
    return "\"" + pathway.revision() + "\"";
  }

  /** The revision asked for; null without If-Match (or with *); one no pathway has for any other tag. */
  static Long expectedRevision(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return null;
    }
    Matcher tag = TAG.matcher(ifMatch.strip());
    return tag.matches() ? Long.parseLong(tag.group(1)) : -1L;
  }
}
