package org.communityhub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.communityhub.api.limits.WriteRateLimit;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.support.HubClock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every endpoint but login, health and the API description needs a bearer token of an active member; roles
 * decide which endpoints, and the engine decides which objects (another agency's answer 404).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthSettings.class)
class SecurityConfiguration {

  private static final String[] CARE_TEAM = {"CHW", "SUPERVISOR"};

  @Bean
  TokenSigning tokenSigning(AuthSettings settings) {
    return TokenSigning.from(settings);
  }

  @Bean
  JwtEncoder jwtEncoder(TokenSigning signing) {
    return signing.encoder();
  }

  @Bean
  JwtDecoder jwtDecoder(TokenSigning signing) {
    return signing.decoder();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, Staff staff, AuditTrail audit, WriteRateLimit writeLimit,
      HubClock clock, ObjectMapper json) throws Exception {
    http
        .csrf(csrf -> csrf.disable()) // bearer tokens only: no cookies, no session, nothing to forge
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.POST, "/auth/token").permitAll()
            .requestMatchers(HttpMethod.GET, "/actuator/health", "/v3/api-docs", "/v3/api-docs/**").permitAll()
            .requestMatchers("/admin/**").hasRole("HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/reports/**").hasAnyRole("FUNDER", "HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/pathway-definitions", "/pathway-definitions/**").authenticated()
            .requestMatchers(HttpMethod.GET, "/clients/**", "/pathways/**")
                .hasAnyRole("CHW", "SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.POST, "/clients", "/clients/**", "/pathways/**").hasAnyRole(CARE_TEAM)
            .anyRequest().denyAll())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.jwtAuthenticationConverter(token ->
                staff.activeMember(Tokens.memberId(token), Tokens.tokenVersion(token))
                    .map(member -> new HubAuthentication(member.asActor()))
                    .orElseThrow(() -> new BadCredentialsException("The token's user is not active"))))
            .authenticationEntryPoint((request, response, refused) -> {
              audit.refusedUnauthenticated(request);
              ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED,
                  "A valid bearer token is required: POST /auth/token");
            }))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint((request, response, refused) -> {
              audit.refusedUnauthenticated(request);
              ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED,
                  "A valid bearer token is required: POST /auth/token");
            })
            .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(response, json,
                HttpStatus.FORBIDDEN, "Your role may not do this")))
        // Both after the token is read; the audit filter first, so that it records refused writes too.
        .addFilterAfter(audit.filter(), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(new WriteRateLimitFilter(writeLimit, clock, json), AuditTrail.AuditFilter.class);
    return http.build();
  }
}
