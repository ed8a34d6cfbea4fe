package org.communityhub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The browser origins (scheme, host and port, e.g. {@code https://care.example.org}) whose pages may call the
 * API with a member's bearer token. None by default: browsers then refuse every cross-origin call. An allowed
 * origin gets Access-Control-Allow-Origin; a request from another origin is refused with 403.
 */
@ConfigurationProperties("hub.api")
record CorsSettings(@DefaultValue List<String> corsAllowedOrigins) {

  CorsSettings {
    for (String origin : corsAllowedOrigins) {
      URI uri = URI.create(origin);
      boolean plainOrigin = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      if (!plainOrigin) {
        throw new IllegalArgumentException("hub.api.cors-allowed-origins: " + origin
            + " is not an origin (scheme://host[:port], no path, no wildcard)");
      }
    }
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }

  /** The filter that answers preflights and adds the CORS headers; none when no origin is allowed. */
  CorsFilter filter(ObjectMapper json) {
    if (corsAllowedOrigins.isEmpty()) {
      return null;
    }
    CorsConfiguration policy = new CorsConfiguration();
    policy.setAllowedOrigins(corsAllowedOrigins);
    policy.setAllowedMethods(List.of("GET", "HEAD", "POST"));
    policy.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
        "Idempotency-Key"));
    policy.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.RETRY_AFTER,
        "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));
    policy.setAllowCredentials(false); // bearer tokens, never cookies
    policy.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", policy);
    CorsFilter filter = new CorsFilter(source);
    filter.setCorsProcessor(new DefaultCorsProcessor() {
      @Override
      protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(json.writeValueAsBytes(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
            "This origin may not call the HUB from a browser")));
        response.flush();
      }
    });
    return filter;
  }
}
