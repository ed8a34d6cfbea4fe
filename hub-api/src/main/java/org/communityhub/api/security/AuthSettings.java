package org.communityhub.api.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Token settings. Mode {@code local} (the default): the application issues its own tokens. Mode
 * {@code oidc}: it trusts an external issuer instead (application-oidc.yaml). The signing key is {@code signing-key} (base64, at least 32 bytes; give every instance
 * the same one) or, when unset, a key generated once into {@code secrets-dir}, readable by the owner only.
 */
@ConfigurationProperties("hub.auth")
record AuthSettings(
    @DefaultValue("local") Mode mode,
    @DefaultValue("community-hub") String issuer,
    @DefaultValue("15m") Duration tokenTtl,
    String signingKey,
    @DefaultValue("./data") Path secretsDir,
    Oidc oidc) {

  enum Mode { LOCAL, OIDC }

  /**
   * The external issuer of the oidc profile: its URL and the audience tokens must name; its keys from its
   * discovery document, a JWK set URI, or a PEM public key; which claims carry role, agency and username.
   */
  record Oidc(String issuer, String audience, String jwkSetUri, Resource publicKeyLocation,
      @DefaultValue("hub_role") String roleClaim,
      @DefaultValue("hub_agency") String agencyClaim,
      @DefaultValue("preferred_username") String usernameClaim) {}
}
