package org.communityhub.api.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Each caller's request budgets, as token buckets: a burst, refilled at a steady rate. A signed-in member has
 * one budget for reads and one for writes; callers without a valid token (signing in, or refused with 401)
 * share one per remote address. Kept in memory per instance; with several instances each enforces its own
 * share. A bucket that has refilled completely is forgotten, so idle callers cost no memory.
 */
@Component
public class RateLimits {

  /** Which budget a request is taken from. */
  public enum Budget { READ, WRITE, ANONYMOUS }

  private static final int SWEEP_EVERY = 1024;

  private final LimitSettings settings;
  private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong taken = new AtomicLong();

  RateLimits(LimitSettings settings) {
    this.settings = settings;
  }

  /** Whether this caller may make this request now, and what remains; takes one unit when allowed. */
  public Decision take(Budget budget, String caller, Instant now) {
    Rate rate = rate(budget);
    if (taken.incrementAndGet() % SWEEP_EVERY == 0) {
      buckets.entrySet().removeIf(entry -> entry.getValue().fullAt(now, rate(entry.getKey().budget())));
    }
    return buckets.computeIfAbsent(new Key(budget, caller), key -> new Bucket(rate.burst(), now)).take(now, rate);
  }

  /**
   * The answer for one request. {@code limit} is the burst, {@code remaining} what is left of it,
   * {@code reset} the time until the budget is full again, {@code retryAfter} (when refused) until one unit is.
   */
  public record Decision(boolean allowed, int limit, int remaining, Duration reset, Duration retryAfter) {}

  private Rate rate(Budget budget) {
    return switch (budget) {
      case READ -> new Rate(settings.readsPerMinute(), settings.readBurst());
      case WRITE -> new Rate(settings.writesPerMinute(), settings.writeBurst());
      case ANONYMOUS -> new Rate(settings.anonymousPerMinute(), settings.anonymousBurst());
    };
  }

  private record Key(Budget budget, String caller) {}

  private record Rate(int perMinute, int burst) {

    double perSecond() {
      return perMinute / 60.0;
    }

    Duration toRefill(double units) {
      return Duration.ofMillis((long) Math.ceil(units / perSecond() * 1000));
    }
  }

  private static final class Bucket {

    private double tokens;
    private Instant refilledAt;

    Bucket(int burst, Instant now) {
      this.tokens = burst;
      this.refilledAt = now;
    }

    synchronized Decision take(Instant now, Rate rate) {
      refill(now, rate);
      if (tokens >= 1) {
        tokens -= 1;
        return new Decision(true, rate.burst(), (int) tokens, rate.toRefill(rate.burst() - tokens), Duration.ZERO);
      }
      return new Decision(false, rate.burst(), 0, rate.toRefill(rate.burst() - tokens), rate.toRefill(1 - tokens));
    }

    synchronized boolean fullAt(Instant now, Rate rate) {
      refill(now, rate);
      return tokens >= rate.burst();
    }

    private void refill(Instant now, Rate rate) {
      double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
      tokens = Math.min(rate.burst(), tokens + elapsed * rate.perSecond());
      refilledAt = now.isAfter(refilledAt) ? now : refilledAt;
    }
  }
}
