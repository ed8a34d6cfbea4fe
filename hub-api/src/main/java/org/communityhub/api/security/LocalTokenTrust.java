package org.communityhub.api.security;

import org.communityhub.engine.agency.Staff;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The default: the application issues its own tokens (POST /auth/token) to staff kept in PostgreSQL. A token
 * counts only while its member is active and it carries the member's current token version.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.auth.mode", havingValue = "local", matchIfMissing = true)
class LocalTokenTrust {

  @Bean
  TokenSigning tokenSigning(AuthSettings settings) {
    return TokenSigning.from(settings);
  }

  @Bean
  JwtEncoder jwtEncoder(TokenSigning signing) {
    return signing.encoder();
  }

  @Bean
  TokenTrust localTokens(TokenSigning signing, Staff staff) {
    return new TokenTrust() {
      @Override
      public JwtDecoder decoder() {
        return signing.decoder();
      }

      @Override
      public HubAuthentication authenticate(Jwt token) {
        return staff.activeMember(Tokens.memberId(token), Tokens.tokenVersion(token))
            .map(member -> new HubAuthentication(member.asActor()))
            .orElseThrow(() -> new BadCredentialsException("The token's user is not active"));
      }
    };
  }
}
