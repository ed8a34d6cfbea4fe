package org.communityhub.engine.support;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** HUB-wide settings: the time zone in which steps are dated. */
@ConfigurationProperties("hub")
public record HubSettings(@DefaultValue("America/New_York") ZoneId timeZone) {}
