package org.communityhub.engine.decision;

/**
 * Where a stored rule package stands: uploaded and compiled but not in force, in force (one per decision),
 * or in force once and replaced since. A retired version may be activated again, to roll back.
 */
public enum RulePackageStatus { DRAFT, ACTIVE, RETIRED }
