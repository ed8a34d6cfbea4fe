package org.communityhub.engine.decision;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often each instance asks PostgreSQL which rule package is in force: an activation on any instance
 * reaches every other one within this interval.
 */
@ConfigurationProperties("hub.rules")
public record RuleSettings(@DefaultValue("2s") Duration refreshInterval) {}
