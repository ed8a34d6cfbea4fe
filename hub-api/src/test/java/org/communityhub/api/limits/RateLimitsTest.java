package org.communityhub.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.communityhub.api.limits.RateLimits.Budget;
import org.communityhub.api.limits.RateLimits.Decision;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RateLimitsTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  /** Writes: 60 a minute, burst 3. Reads: 120 a minute, burst 6. Unauthenticated: 30 a minute, burst 2. */
  private final RateLimits limits = new RateLimits(new LimitSettings(DataSize.ofKilobytes(64), 60, 3, 120, 6, 30, 2));

  @Test
  void allowsABurstThenRefusesUntilATokenIsRefilled() {
    assertThat(limits.take(Budget.WRITE, "ana", NOW).remaining()).isEqualTo(2);
    assertThat(limits.take(Budget.WRITE, "ana", NOW).allowed()).isTrue();
    assertThat(limits.take(Budget.WRITE, "ana", NOW).allowed()).isTrue();

    Decision refused = limits.take(Budget.WRITE, "ana", NOW);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(refused.reset()).as("three tokens to refill at one a second").isEqualTo(Duration.ofSeconds(3));

    assertThat(limits.take(Budget.WRITE, "ana", NOW.plusSeconds(1)).allowed()).as("60 a minute: one a second")
        .isTrue();
  }

  @Test
  void tellsHowLongUntilTheBudgetIsFullAgain() {
    Decision first = limits.take(Budget.READ, "ana", NOW);
    assertThat(first.limit()).isEqualTo(6);
    assertThat(first.remaining()).isEqualTo(5);
    assertThat(first.reset()).as("one token at two a second").isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void keepsOneBudgetPerCallerAndKind() {
    for (int i = 0; i < 3; i++) {
      limits.take(Budget.WRITE, "busy", NOW);
    }
    assertThat(limits.take(Budget.WRITE, "busy", NOW).allowed()).isFalse();
    assertThat(limits.take(Budget.READ, "busy", NOW).allowed()).as("reads have their own budget").isTrue();
    assertThat(limits.take(Budget.WRITE, "other", NOW).allowed()).isTrue();
  }

  @Test
  void limitsCallersWithoutATokenByAddress() {
    assertThat(limits.take(Budget.ANONYMOUS, "203.0.113.7", NOW).allowed()).isTrue();
    assertThat(limits.take(Budget.ANONYMOUS, "203.0.113.7", NOW).allowed()).isTrue();
    assertThat(limits.take(Budget.ANONYMOUS, "203.0.113.7", NOW).allowed()).isFalse();
    assertThat(limits.take(Budget.ANONYMOUS, "198.51.100.1", NOW).allowed()).isTrue();
  }
}
