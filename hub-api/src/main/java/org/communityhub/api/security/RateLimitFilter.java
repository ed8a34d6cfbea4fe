package org.communityhub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.communityhub.api.limits.RateLimits;
import org.communityhub.api.limits.RateLimits.Budget;
import org.communityhub.engine.support.HubClock;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes every request from its caller's budget once the token has said who the caller is: a member's read or
 * write budget, or, without a valid token (signing in, refused with 401), the budget of their address. Every
 * answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; over budget it is 429 with
 * Retry-After. Health checks and the API description are not counted.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String TAKEN = RateLimitFilter.class.getName() + ".taken";

  private final RateLimits limits;
  private final HubClock clock;
  private final ObjectMapper json;

  RateLimitFilter(RateLimits limits, HubClock clock, ObjectMapper json) {
    this.limits = limits;
    this.clock = clock;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (counted(request)) {
      RateLimits.Decision decision = take(request, response);
      if (!decision.allowed()) {
        long seconds = Math.max(1, seconds(decision.retryAfter()));
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemResponses.write(response, json, HttpStatus.TOO_MANY_REQUESTS,
            "Too many requests: try again in " + seconds + " s");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** A request refused with 401 before this filter ran (its token is not valid) counts against its address. */
  void takeUnauthenticated(HttpServletRequest request, HttpServletResponse response) {
    if (counted(request) && request.getAttribute(TAKEN) == null) {
      take(request, response);
    }
  }

  private RateLimits.Decision take(HttpServletRequest request, HttpServletResponse response) {
    request.setAttribute(TAKEN, Boolean.TRUE);
    RateLimits.Decision decision =
        SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication caller
            ? limits.take(WRITES.contains(request.getMethod()) ? Budget.WRITE : Budget.READ,
                caller.actor().userId().toString(), clock.now())
            : limits.take(Budget.ANONYMOUS, request.getRemoteAddr(), clock.now());
    response.setHeader("RateLimit-Limit", Integer.toString(decision.limit()));
    response.setHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
    response.setHeader("RateLimit-Reset", Long.toString(seconds(decision.reset())));
    return decision;
  }

  private static boolean counted(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/actuator/health") && !path.startsWith("/v3/api-docs");
  }

  private static long seconds(Duration duration) {
    return (duration.toMillis() + 999) / 1000;
  }
}
