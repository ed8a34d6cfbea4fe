package org.communityhub.api.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** The largest request body, and each user's write budget: a burst, refilled at a steady rate per minute. */
@ConfigurationProperties("hub.limits")
public record LimitSettings(
    @DefaultValue("64KB") DataSize maxRequestBody,
    @DefaultValue("120") int writesPerMinute,
    @DefaultValue("60") int writeBurst) {}
