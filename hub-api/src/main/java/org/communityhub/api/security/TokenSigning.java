package org.communityhub.api.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;

/** The application is its own token issuer: HS256 with one secret key, shared by every instance. */
final class TokenSigning {

  private final SecretKey key;
  private final String issuer;

  private TokenSigning(SecretKey key, String issuer) {
    this.key = key;
    this.issuer = issuer;
  }

  static TokenSigning from(AuthSettings settings) {
    String encoded = settings.signingKey();
    if (encoded == null || encoded.isBlank()) {
      Path file = settings.secretsDir().resolve("token-signing.key");
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      OwnerOnlyFiles.createWith(file, Base64.getEncoder().encodeToString(fresh));
      encoded = OwnerOnlyFiles.read(file);
    }
    byte[] bytes = Base64.getDecoder().decode(encoded);
    if (bytes.length < 32) {
      throw new IllegalStateException("hub.auth.signing-key must be at least 32 bytes (base64)");
    }
    return new TokenSigning(new SecretKeySpec(bytes, "HmacSHA256"), settings.issuer());
  }

  JwtEncoder encoder() {
    return new NimbusJwtEncoder(new ImmutableSecret<>(key));
  }

  JwtDecoder decoder() {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        new JwtTimestampValidator(), new JwtIssuerValidator(issuer)));
    return decoder;
  }
}
