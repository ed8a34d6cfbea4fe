package org.communityhub.engine.support;

/** One input field and why it was refused. */
public record FieldProblem(String field, String reason) {}
