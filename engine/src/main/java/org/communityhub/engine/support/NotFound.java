package org.communityhub.engine.support;

/** The object does not exist, or the caller may not know that it does. */
public class NotFound extends HubException {

  public NotFound(String what, Object id) {
    super(Kind.NOT_FOUND, what + " " + id + " was not found");
  }
}
