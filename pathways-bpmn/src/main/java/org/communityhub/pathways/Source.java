package org.communityhub.pathways;

/**
 * Where a piece of pathway content comes from, as marked in the project's domain notes. Pathway content is
 * licensed and varies between HUBs, so every default says how much it can be trusted.
 */
public enum Source {
  /** Read in a public source. */
  VERIFIED,
  /** From the model's published manuals, not re-checked: a sensible default an administrator may change. */
  RECALLED,
  /** This project's own breakdown or inference. */
  LOCAL
}
