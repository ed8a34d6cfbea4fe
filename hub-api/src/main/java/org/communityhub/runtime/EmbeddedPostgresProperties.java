package org.communityhub.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code hub.embedded-postgres.*}: the PostgreSQL started when {@code spring.datasource.url} is not set. */
@ConfigurationProperties("hub.embedded-postgres")
record EmbeddedPostgresProperties(
    @DefaultValue("5433") int port,
    @DefaultValue("60s") Duration startupTimeout,
    @DefaultValue("30s") Duration shutdownTimeout) {}
