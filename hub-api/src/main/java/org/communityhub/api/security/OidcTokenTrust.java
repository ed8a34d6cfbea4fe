package org.communityhub.api.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.agency.Staff;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The {@code oidc} profile: tokens come from the HUB's identity provider. The issuer and the audience are
 * checked; the role and agency come from claims; the agency must exist and be of the role's kind. Staff
 * are managed in the identity provider, so deactivation there ends access as tokens expire.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.auth.mode", havingValue = "oidc")
class OidcTokenTrust {

  @Bean
  TokenTrust oidcTokens(AuthSettings settings, Staff staff) {
    AuthSettings.Oidc oidc = settings.oidc();
    if (oidc == null || oidc.issuer() == null || oidc.audience() == null) {
      throw new IllegalStateException("hub.auth.mode=oidc needs hub.auth.oidc.issuer and hub.auth.oidc.audience");
    }
    JwtDecoder decoder = decoder(oidc);
    Set<String> remembered = ConcurrentHashMap.newKeySet();
    return new TokenTrust() {
      @Override
      public JwtDecoder decoder() {
        return decoder;
      }

      @Override
      public HubAuthentication authenticate(Jwt token) {
        Role role = role(token.getClaimAsString(oidc.roleClaim()));
        UUID agency = uuid(token.getClaimAsString(oidc.agencyClaim()));
        boolean agencyFitsRole = staff.agency(agency).filter(found -> found.kind() == role.agencyKind()).isPresent();
        if (!agencyFitsRole) {
          throw new BadCredentialsException("The token's agency does not exist or does not fit its role");
        }
        String username = token.getClaimAsString(oidc.usernameClaim()) != null
            ? token.getClaimAsString(oidc.usernameClaim()) : token.getSubject();
        // A stable id per person of this issuer, for the audit log and assignments.
        UUID userId = UUID.nameUUIDFromBytes((oidc.issuer() + "|" + token.getSubject()).getBytes(StandardCharsets.UTF_8));
        if (remembered.add(userId + "|" + role + "|" + agency)) {
          staff.rememberExternal(userId, token.getSubject(), role, agency);
        }
        return new HubAuthentication(new Actor(userId, username, role, agency));
      }
    };
  }

  private static JwtDecoder decoder(AuthSettings.Oidc oidc) {
    NimbusJwtDecoder decoder;
    if (oidc.publicKeyLocation() != null) {
      decoder = NimbusJwtDecoder.withPublicKey(publicKey(oidc.publicKeyLocation())).build();
    } else if (oidc.jwkSetUri() != null) {
      decoder = NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build();
    } else {
      decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(oidc.issuer());
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
        new JwtIssuerValidator(oidc.issuer()), audience(oidc.audience())));
    return decoder;
  }

  private static OAuth2TokenValidator<Jwt> audience(String audience) {
    return token -> {
      List<String> audiences = token.getAudience();
      return audiences != null && audiences.contains(audience)
          ? OAuth2TokenValidatorResult.success()
          : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null));
    };
  }

  private static Role role(String claim) {
    try {
      return Role.valueOf(claim);
    } catch (IllegalArgumentException | NullPointerException unknown) {
      throw new BadCredentialsException("The token names no HUB role");
    }
  }

  private static UUID uuid(String claim) {
    try {
      return UUID.fromString(claim);
    } catch (IllegalArgumentException | NullPointerException unknown) {
      throw new BadCredentialsException("The token names no agency");
    }
  }

  private static RSAPublicKey publicKey(Resource pem) {
    try {
      String base64 = pem.getContentAsString(StandardCharsets.US_ASCII)
          .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the issuer's public key from " + pem, e);
    }
  }
}
