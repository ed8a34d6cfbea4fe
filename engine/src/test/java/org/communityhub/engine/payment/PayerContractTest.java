package org.communityhub.engine.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which periods a contract shares days with: adjacent contracts do not overlap, open ends reach forever. */
class PayerContractTest {

  @ParameterizedTest(name = "{0}..{1} vs {2}..{3}: {4}")
  @CsvSource(nullValues = "open", value = {
      "2026-01-01, 2026-12-31, 2027-01-01, open,       false",  // the next one starts the day after
      "2026-01-01, 2026-12-31, 2025-01-01, 2025-12-31, false",  // the previous one ended the day before
      "2026-01-01, 2026-12-31, 2026-12-31, open,       true",   // shares the last day
      "2026-01-01, 2026-12-31, 2025-06-01, 2026-01-01, true",   // shares the first day
      "2026-01-01, open,       2030-01-01, 2030-01-31, true",   // open-ended reaches any later period
      "2026-01-01, open,       2025-01-01, open,       true",
      "2026-01-01, 2026-12-31, 2026-03-01, 2026-03-31, true",   // within
      "2026-01-01, 2026-12-31, 2020-01-01, open,       true"})  // around
  void overlapsWhenTheyShareADay(LocalDate from, LocalDate to, LocalDate otherFrom, LocalDate otherTo,
      boolean overlaps) {
    PayerContract contract = new PayerContract(UUID.randomUUID(), "PAYER", "Contract", from, to, false, List.of(),
        null, Instant.EPOCH);
    assertThat(contract.overlaps(otherFrom, otherTo)).isEqualTo(overlaps);
  }
}
