package org.communityhub.engine.contact;

/** How a CHW tried to reach a client. Only a visit or a call that reached them counts as a contact. */
public enum ContactKind {
  /** Met the client in person (home, office, community). */
  VISIT,
  /** Spoke with the client by phone or video. */
  CALL,
  /** Tried and did not reach them (not at home, no answer): evidence towards UNABLE_TO_LOCATE. */
  ATTEMPT;

  public boolean reachedTheClient() {
    return this != ATTEMPT;
  }
}
