package org.communityhub.api.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Which bearer tokens the HUB trusts and whom they name: its own (local mode) or an external OIDC issuer's.
 * Either way a request becomes an actor with a role and an agency, or is refused with 401.
 */
interface TokenTrust {

  JwtDecoder decoder();

  /** The caller a valid token names; throws an AuthenticationException when it names nobody allowed in. */
  HubAuthentication authenticate(Jwt token);
}
