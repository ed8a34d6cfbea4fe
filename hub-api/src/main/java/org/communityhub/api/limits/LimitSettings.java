package org.communityhub.api.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body, and the request budgets: each a burst, refilled at a steady rate per minute. A
 * signed-in member has a write budget and a larger read budget; callers without a valid token share one per
 * remote address.
 */
@ConfigurationProperties("hub.limits")
public record LimitSettings(
    @DefaultValue("64KB") DataSize maxRequestBody,
    @DefaultValue("120") int writesPerMinute,
    @DefaultValue("60") int writeBurst,
    @DefaultValue("600") int readsPerMinute,
    @DefaultValue("300") int readBurst,
    @DefaultValue("60") int anonymousPerMinute,
    @DefaultValue("60") int anonymousBurst) {}
