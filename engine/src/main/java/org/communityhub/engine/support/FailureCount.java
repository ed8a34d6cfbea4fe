package org.communityhub.engine.support;

/** Counts the failures of a run over many cases and keeps the first message: enough to find and fix the cause. */
public final class FailureCount {

  private int count;
  private String first;

  public void add(RuntimeException failure) {
    count++;
    first = first == null ? failure.getMessage() : first;
  }

  public int count() {
    return count;
  }

  /** The first failure's message, or null when nothing failed. */
  public String first() {
    return first;
  }
}
