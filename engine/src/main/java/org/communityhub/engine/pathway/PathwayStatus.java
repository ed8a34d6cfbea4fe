package org.communityhub.engine.pathway;

/** The lifecycle of a pathway. Which step it is at and why it closed are kept in fields of their own. */
public enum PathwayStatus { ACTIVE, COMPLETED, FINISHED_INCOMPLETE }
