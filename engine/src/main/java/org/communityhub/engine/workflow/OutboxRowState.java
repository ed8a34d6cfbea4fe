package org.communityhub.engine.workflow;

/** Where an outbox row stands: waiting for delivery (or retrying), dead (refused too often), or delivered. */
public enum OutboxRowState { PENDING, DEAD, DELIVERED }
