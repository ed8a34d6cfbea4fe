package org.communityhub.api.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long a first answer is kept for retries (at least the 7 days a phone may stay offline). */
@ConfigurationProperties("hub.idempotency")
public record IdempotencySettings(@DefaultValue("7d") Duration retention, @DefaultValue("1h") Duration purgeInterval) {}
