package org.communityhub.api.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings. The signing key is {@code signing-key} (base64, at least 32 bytes; give every instance
 * the same one) or, when unset, a key generated once into {@code secrets-dir}, readable by the owner only.
 */
@ConfigurationProperties("hub.auth")
record AuthSettings(
    @DefaultValue("community-hub") String issuer,
    @DefaultValue("15m") Duration tokenTtl,
    String signingKey,
    @DefaultValue("./data") Path secretsDir) {}
