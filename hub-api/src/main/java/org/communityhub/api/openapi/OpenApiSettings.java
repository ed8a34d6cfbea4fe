package org.communityhub.api.openapi;

import java.net.URI;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where callers reach the API and in which environment, as the OpenAPI description names it. Outside local
 * development the URL must be https://: the application refuses to start with a plain-HTTP one.
 */
@ConfigurationProperties("hub.api")
record OpenApiSettings(URI serverUrl, @DefaultValue("local") Environment environment) {

  enum Environment { LOCAL, TEST, STAGING, PRODUCTION }

  OpenApiSettings {
    if (serverUrl == null || !serverUrl.isAbsolute() || serverUrl.getHost() == null) {
      throw new IllegalArgumentException("hub.api.server-url must be an absolute URL, e.g. https://hub.example.org");
    }
    if (environment != Environment.LOCAL && !"https".equalsIgnoreCase(serverUrl.getScheme())) {
      throw new IllegalArgumentException("hub.api.server-url must be an https:// URL outside local development"
          + " (hub.api.environment=" + environment.name().toLowerCase(Locale.ROOT) + "): " + serverUrl);
    }
  }

  /** The server's description: names the environment, as OWASP API9 (inventory) asks. */
  String serverDescription() {
    return switch (environment) {
      case LOCAL -> "local development: the HUB running on this machine";
      case TEST -> "test: a HUB for testing, without real client data";
      case STAGING -> "staging: the HUB's pre-production installation";
      case PRODUCTION -> "production: the HUB's API";
    };
  }
}
