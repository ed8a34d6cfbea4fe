package org.communityhub.engine.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox is delivered. A small bound on commands in flight is faster than a large one: the broker
 * answers a flood with RESOURCE_EXHAUSTED (field notes: 10-16 in flight drew none). A row the engine refuses
 * {@code deadLetterAfterRefusals} times is dead (20: about a quarter of an hour with the one-minute cap, so a
 * brief refusal, e.g. a deployment not yet on every partition, heals by itself); failures to reach the engine
 * never count. An instance's claim on a row lasts {@code claimLease}: longer than any command takes (the
 * client's request timeout), short enough that another instance takes over a killed instance's rows soon.
 */
@ConfigurationProperties("hub.outbox")
public record OutboxSettings(
    @DefaultValue("16") int maxInFlight,
    @DefaultValue("64") int batchSize,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("250ms") Duration firstRetryDelay,
    @DefaultValue("60s") Duration maxRetryDelay,
    @DefaultValue("20") int deadLetterAfterRefusals,
    @DefaultValue("30s") Duration claimLease) {}
