package org.communityhub.api.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each user's write budget, as a token bucket: a burst, refilled at a steady rate. Kept in memory per
 * instance; with several instances each enforces its own share.
 */
@Component
public class WriteRateLimit {

  private final LimitSettings settings;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

  WriteRateLimit(LimitSettings settings) {
    this.settings = settings;
  }

  /** Whether this user may write now, and what remains; takes one token when allowed. */
  public Decision tryWrite(UUID userId, Instant now) {
    return buckets.computeIfAbsent(userId, id -> new Bucket(settings.writeBurst(), now)).take(now, settings);
  }

  public record Decision(boolean allowed, int limit, int remaining, Duration retryAfter) {}

  private static final class Bucket {

    private double tokens;
    private Instant refilledAt;

    Bucket(int burst, Instant now) {
      this.tokens = burst;
      this.refilledAt = now;
    }

    synchronized Decision take(Instant now, LimitSettings settings) {
      double perSecond = settings.writesPerMinute() / 60.0;
      double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
      tokens = Math.min(settings.writeBurst(), tokens + elapsed * perSecond);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return new Decision(true, settings.writeBurst(), (int) tokens, Duration.ZERO);
      }
      long waitMillis = (long) Math.ceil((1 - tokens) / perSecond * 1000);
      return new Decision(false, settings.writeBurst(), 0, Duration.ofMillis(waitMillis));
    }
  }
}
