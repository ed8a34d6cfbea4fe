package org.communityhub.pathways;

/** Why a pathway ended Finished Incomplete. */
public enum CloseReason {
  CLIENT_DECLINED,
  UNABLE_TO_LOCATE,
  MOVED_AWAY,
  LOST_ELIGIBILITY,
  OUTCOME_NOT_ACHIEVED,
  DUPLICATE,
  ENTERED_IN_ERROR,
  /** Set only by the process's time-limit timer, never requested by a user. */
  TIME_LIMIT;

  /** Whether a user may ask to close a pathway for this reason (all but {@link #TIME_LIMIT}). */
  public boolean requestable() {
    return this != TIME_LIMIT;
  }
}
