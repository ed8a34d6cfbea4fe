package org.communityhub.engine.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rebuilding engine state from PostgreSQL.
 *
 * @param onStart rebuild once the engine is reachable after start-up: after the broker's data was lost, or
 *     when the HUB moves to another engine (a cluster). An interrupted rebuild resumes at start-up anyway.
 * @param cancelsInFlight how many cancellations of previous process instances are sent at a time (the
 *     broker answers floods with RESOURCE_EXHAUSTED, as for the outbox)
 * @param engineUnreachableFor how long the rebuild waits for an unreachable engine in mid-run before it
 *     gives up and fails (it waits for the engine without limit before it starts)
 * @param takeoverInterval how often every instance looks for a rebuild whose instance died (its advisory lock
 *     is free while it is still RUNNING) and resumes it
 */
@ConfigurationProperties("hub.engine.rebuild")
public record RebuildSettings(
    @DefaultValue("false") boolean onStart,
    @DefaultValue("16") int cancelsInFlight,
    @DefaultValue("5m") Duration engineUnreachableFor,
    @DefaultValue("10s") Duration takeoverInterval) {}
