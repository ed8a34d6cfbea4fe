package org.communityhub.api.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.time.Instant;
import java.util.UUID;
import org.communityhub.engine.agency.StaffMember;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues the short-lived bearer token a member gets for their password, and reads who a token names. */
@ConditionalOnProperty(name = "hub.auth.mode", havingValue = "local", matchIfMissing = true)
@Component
class Tokens {

  static final String TOKEN_VERSION = "tv";

  private final JwtEncoder encoder;
  private final AuthSettings settings;

  Tokens(JwtEncoder encoder, AuthSettings settings) {
    this.encoder = encoder;
    this.settings = settings;
  }

  record Issued(String token, Instant expiresAt) {}

  Issued issue(StaffMember member, Instant now) {
    Instant expiresAt = now.plus(settings.tokenTtl());
    JwtClaimsSet claims = JwtClaimsSet.builder()
        .issuer(settings.issuer())
        .subject(member.id().toString())
        .issuedAt(now)
        .expiresAt(expiresAt)
        .id(UUID.randomUUID().toString())
        .claim(TOKEN_VERSION, member.tokenVersion())
        .build();
    String token = encoder.encode(JwtEncoderParameters.from(
        JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    return new Issued(token, expiresAt);
  }

  static UUID memberId(Jwt jwt) {
    return UUID.fromString(jwt.getSubject());
  }

  static int tokenVersion(Jwt jwt) {
    Object version = jwt.getClaim(TOKEN_VERSION);
    return version instanceof Number number ? number.intValue() : -1;
  }
}
