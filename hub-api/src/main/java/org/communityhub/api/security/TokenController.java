package org.communityhub.api.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.communityhub.engine.agency.BadCredentials;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.support.HubClock;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Exchanges a member's username and password for a short-lived bearer token: one bcrypt check per login. */
@ConditionalOnProperty(name = "hub.auth.mode", havingValue = "local", matchIfMissing = true)
@RestController
class TokenController {

  private final Staff staff;
  private final Tokens tokens;
  private final HubClock clock;

  TokenController(Staff staff, Tokens tokens, HubClock clock) {
    this.staff = staff;
    this.tokens = tokens;
    this.clock = clock;
  }

  record Login(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {

    @Override
    public String toString() {
      return "Login[" + username + "]"; // never the password, wherever a login is printed
    }
  }

  record TokenResponse(String access_token, String token_type, long expires_in) {}

  @PostMapping("/auth/token")
  ResponseEntity<TokenResponse> token(@Valid @RequestBody Login login) {
    var member = staff.authenticate(login.username(), login.password()).orElseThrow(BadCredentials::new);
    var issued = tokens.issue(member, clock.now());
    long seconds = issued.expiresAt().getEpochSecond() - clock.now().getEpochSecond();
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .body(new TokenResponse(issued.token(), "Bearer", seconds));
  }
}
