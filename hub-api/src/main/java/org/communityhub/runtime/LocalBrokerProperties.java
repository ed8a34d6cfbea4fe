package org.communityhub.runtime;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.engine.local.*}: the Zeebe broker run as a child process in the local engine mode.
 *
 * @param version broker version; empty means the one the build resolved (META-INF/hub-build.properties)
 * @param distribution a camunda-zeebe-&lt;version&gt;.tar.gz; empty means the one the build resolved
 * @param httpPort the broker's own HTTP server (Spring's server.port inside the broker), moved off 8080
 */
@ConfigurationProperties("hub.engine.local")
record LocalBrokerProperties(
    String version,
    Path distribution,
    @DefaultValue("26500") int gatewayPort,
    @DefaultValue("26501") int commandPort,
    @DefaultValue("26502") int internalPort,
    @DefaultValue("9600") int managementPort,
    @DefaultValue("9601") int httpPort,
    @DefaultValue("512m") String heap,
    @DefaultValue("120s") Duration startupTimeout,
    @DefaultValue("30s") Duration shutdownTimeout) {}
