package org.communityhub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.communityhub.api.idempotency.IdempotencyFilter;
import org.communityhub.api.limits.RateLimits;
import org.communityhub.api.limits.RequestBodyLimit;
import org.communityhub.api.problem.MediaTypeHeaderCheck;
import org.communityhub.engine.support.HubClock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.CorsFilter;

/**
 * Every endpoint but login, health and the API description needs a bearer token of an active member; roles
 * decide which endpoints, and the engine decides which objects (another agency's answer 404).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthSettings.class)
class SecurityConfiguration {

  private static final String[] CARE_TEAM = {"CHW", "SUPERVISOR"};

  /** Whom tokens come from: this application (local, the default) or an external OIDC issuer. */
  @Bean
  JwtDecoder jwtDecoder(TokenTrust trust) {
    return trust.decoder();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, TokenTrust trust, AuditTrail audit, RateLimits limits,
      RequestBodyLimit bodyLimit, IdempotencyFilter idempotency, CorsSettings cors, HubClock clock, ObjectMapper json) throws Exception {
    RateLimitFilter rateLimit = new RateLimitFilter(limits, clock, json);
    http
        .csrf(csrf -> csrf.disable()) // bearer tokens only: no cookies, no session, nothing to forge
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .authorizeHttpRequests(requests -> requests
            // The error page renders the problem of a request that was already authorised.
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(HttpMethod.POST, "/auth/token").permitAll()
            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                .permitAll()
            .requestMatchers(HttpMethod.GET, "/actuator/metrics", "/actuator/metrics/**").hasRole("HUB_ADMIN")
            .requestMatchers("/admin/**").hasRole("HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/reports/**").hasAnyRole("FUNDER", "HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/payers/*/statements", "/payers/*/statements/*")
                .hasAnyRole("FUNDER", "HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/pathway-definitions", "/pathway-definitions/**", "/checklist-definitions",
                "/checklist-definitions/**").authenticated()
            .requestMatchers(HttpMethod.GET, "/fhir/**").hasAnyRole("CHW", "SUPERVISOR", "HUB_ADMIN", "PARTNER")
            .requestMatchers(HttpMethod.POST, "/fhir/Task").hasRole("PARTNER")
            .requestMatchers(HttpMethod.GET, "/referrals").hasAnyRole("SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.POST, "/referrals/*/accept").hasRole("SUPERVISOR")
            .requestMatchers(HttpMethod.POST, "/referrals/*/reject").hasAnyRole("SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/clients/**", "/pathways/**")
                .hasAnyRole("CHW", "SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.POST, "/clients/*/assignment").hasAnyRole("SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.POST, "/pathways/*/outcome-approval").hasAnyRole("SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/outcome-approvals").hasAnyRole("SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.GET, "/worklist").hasAnyRole("CHW", "SUPERVISOR")
            .requestMatchers(HttpMethod.POST, "/steps/*/void").hasAnyRole("SUPERVISOR", "HUB_ADMIN")
            .requestMatchers(HttpMethod.POST, "/clients", "/clients/**", "/pathways/**").hasAnyRole(CARE_TEAM)
            .anyRequest().denyAll())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.jwtAuthenticationConverter(trust::authenticate))
            .authenticationEntryPoint((request, response, refused) -> {
              audit.refusedUnauthenticated(request);
              rateLimit.takeUnauthenticated(request, response);
              ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED,
                  "A valid bearer token is required: POST /auth/token");
            }))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint((request, response, refused) -> {
              audit.refusedUnauthenticated(request);
              rateLimit.takeUnauthenticated(request, response);
              ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED,
                  "A valid bearer token is required: POST /auth/token");
            })
            .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(response, json,
                HttpStatus.FORBIDDEN, "Your role may not do this")))
        // Both after the token is read; the audit filter first, so that it records refused writes too.
        .addFilterAfter(audit.filter(), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(rateLimit, AuditTrail.AuditFilter.class)
        .addFilterAfter(bodyLimit, RateLimitFilter.class)
        .addFilterAfter(new MediaTypeHeaderCheck(json), RequestBodyLimit.class)
        .addFilterAfter(idempotency, MediaTypeHeaderCheck.class);
    CorsFilter corsFilter = cors.filter(json);
    if (corsFilter != null) {
      // Before the token is read: a browser must be able to read a 401 too.
      http.addFilterBefore(corsFilter, BearerTokenAuthenticationFilter.class);
    }
    return http.build();
  }

  /**
   * A request the firewall refuses before any filter (an encoded percent sign or a double slash in the path,
   * a header it distrusts) answers a problem document, not the error page's JSON.
   */
  @Bean
  RequestRejectedHandler requestRejected(ObjectMapper json) {
    return (request, response, rejected) -> ProblemResponses.write(response, json, HttpStatus.BAD_REQUEST,
        "The request was rejected: its path or headers are not allowed");
  }
}
