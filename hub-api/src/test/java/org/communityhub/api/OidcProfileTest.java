package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oidc profile: the HUB trusts its identity provider's tokens (issuer, audience and signature checked),
 * takes role and agency from their claims, and issues no tokens of its own.
 */
class OidcProfileTest {

  private static final String ISSUER = "https://idp.hub.test/realms/hub";
  private static final String AUDIENCE = "community-hub";

  @TempDir
  static Path dataDir;
  static RunningHub hub;
  static KeyPair issuerKeys;
  static KeyPair strangerKeys;

  @BeforeAll
  static void startWithAnIdentityProvidersKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    issuerKeys = generator.generateKeyPair();
    strangerKeys = generator.generateKeyPair();
    Path publicKey = dataDir.resolveSibling(dataDir.getFileName() + "-issuer.pem");
    Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(issuerKeys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    hub = RunningHub.startWithoutSignIn(dataDir, "--spring.profiles.active=oidc",
        "--hub.auth.oidc.issuer=" + ISSUER, "--hub.auth.oidc.audience=" + AUDIENCE,
        "--hub.auth.oidc.public-key-location=file:" + publicKey);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aChwWithTheIssuersTokenWorksTheirAgencysClients() throws Exception {
    String token = token(issuerKeys, ISSUER, AUDIENCE, "CHW", RunningHub.DEFAULT_AGENCY, Instant.now().plusSeconds(300));
    String client = hub.as(token, () -> hub.register(Personas.foodInsecureClient()));
    assertThat(hub.as(token, () -> hub.get("/clients/" + client)).status()).isEqualTo(200);
    assertThat(hub.as(token, () -> hub.get("/reports/payments?payer=STATE_MEDICAID&from=2026-01-01&to=2026-01-31"))
        .status()).as("the role from the claim decides").isEqualTo(403);
  }

  @Test
  void refusesTokensOfAnotherIssuerAudienceKeyOrWithoutAFittingRoleAndAgency() throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    String agency = RunningHub.DEFAULT_AGENCY;
    Map<String, String> refused = Map.of(
        "another issuer", token(issuerKeys, "https://evil.test", AUDIENCE, "CHW", agency, later),
        "another audience", token(issuerKeys, ISSUER, "other-app", "CHW", agency, later),
        "another key", token(strangerKeys, ISSUER, AUDIENCE, "CHW", agency, later),
        "expired", token(issuerKeys, ISSUER, AUDIENCE, "CHW", agency, Instant.now().minusSeconds(600)),
        "no HUB role", token(issuerKeys, ISSUER, AUDIENCE, "WIZARD", agency, later),
        "a role that does not fit the agency", token(issuerKeys, ISSUER, AUDIENCE, "FUNDER", agency, later));
    refused.forEach((why, token) ->
        assertThat(hub.as(token, () -> hub.get("/admin/users")).status()).as(why).isEqualTo(401));
  }

  @Test
  void issuesNoTokensOfItsOwn() {
    var login = hub.as(null, () -> hub.post("/auth/token", Map.of("username", "admin", "password", "whatever-123")));
    assertThat(login.status()).isEqualTo(404);
    assertThat(dataDir.resolve("initial-admin-password")).doesNotExist();
  }

  private static String token(KeyPair keys, String issuer, String audience, String role, String agency,
      Instant expires) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer).audience(audience).subject("person-" + Personas.unique())
        .claim("preferred_username", "ana.ruiz").claim("hub_role", role).claim("hub_agency", agency)
        .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(expires))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
    return jwt.serialize();
  }
}
