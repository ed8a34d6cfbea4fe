package org.communityhub.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WriteRateLimitTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final WriteRateLimit limit = new WriteRateLimit(new LimitSettings(DataSize.ofKilobytes(64), 60, 3));

  @Test
  void allowsABurstThenRefusesUntilATokenIsRefilled() {
    UUID user = UUID.randomUUID();
    assertThat(limit.tryWrite(user, NOW).remaining()).isEqualTo(2);
    assertThat(limit.tryWrite(user, NOW).allowed()).isTrue();
    assertThat(limit.tryWrite(user, NOW).allowed()).isTrue();

    WriteRateLimit.Decision refused = limit.tryWrite(user, NOW);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));

    assertThat(limit.tryWrite(user, NOW.plusSeconds(1)).allowed()).as("60 a minute: one per second").isTrue();
  }

  @Test
  void keepsOneBudgetPerUser() {
    UUID busy = UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      limit.tryWrite(busy, NOW);
    }
    assertThat(limit.tryWrite(busy, NOW).allowed()).isFalse();
    assertThat(limit.tryWrite(UUID.randomUUID(), NOW).allowed()).isTrue();
  }
}
