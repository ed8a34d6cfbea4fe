package org.communityhub.rules;

/**
 * One compile problem, located in the DRL text the author wrote.
 *
 * @param line    1-based DRL line, 0 when Drools gives none
 * @param column  1-based DRL column, 0 when Drools gives none
 * @param message Drools' message, for the author
 */
public record CompileError(int line, int column, String message) {
}
