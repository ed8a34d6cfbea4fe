package org.communityhub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.communityhub.api.limits.WriteRateLimit;
import org.communityhub.engine.support.HubClock;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies each user's write budget to their writes, after the token has said who they are. Over budget: 429
 * with Retry-After; every write answer carries the RateLimit headers.
 */
final class WriteRateLimitFilter extends OncePerRequestFilter {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final WriteRateLimit limit;
  private final HubClock clock;
  private final ObjectMapper json;

  WriteRateLimitFilter(WriteRateLimit limit, HubClock clock, ObjectMapper json) {
    this.limit = limit;
    this.clock = clock;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (WRITES.contains(request.getMethod())
        && SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication caller) {
      var decision = limit.tryWrite(caller.actor().userId(), clock.now());
      response.setHeader("RateLimit-Limit", Integer.toString(decision.limit()));
      response.setHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
      if (!decision.allowed()) {
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemResponses.write(response, json, HttpStatus.TOO_MANY_REQUESTS,
            "Too many writes: try again in " + seconds + " s");
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
