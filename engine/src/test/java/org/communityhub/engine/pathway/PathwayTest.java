package org.communityhub.engine.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.communityhub.pathways.CloseReason;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.pathways.StepDescriptor;
import org.junit.jupiter.api.Test;

/** The pathway aggregate guards its own lifecycle, whatever the caller. */
class PathwayTest {

  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private static final PathwayDescriptor HOUSING = PathwayCatalog.standard().find("HOUSING").orElseThrow();

  @Test
  void recordsAStepAndMakesItTheCurrentStep() {
    Pathway housing = openHousing();
    PathwayStep step = record(housing, "APPLICATION_SUBMITTED", "key-1");
    assertThat(housing.currentStep()).isEqualTo("APPLICATION_SUBMITTED");
    assertThat(housing.steps()).containsExactly(step);
    assertThat(housing.stepByIdempotencyKey("key-1")).contains(step);
  }

  @Test
  void acceptsAStepWithoutPrerequisiteBeforeTheStepsTheProcessExpectsFirst() {
    Pathway housing = openHousing();
    record(housing, "MOVED_IN", "key-1");
    assertThat(housing.currentStep()).isEqualTo("MOVED_IN");
  }

  @Test
  void refusesAStepBeforeItsPrerequisite() {
    Pathway housing = openHousing();
    assertThatThrownBy(() -> record(housing, "HOUSING_SECURED", "key-1"))
        .isInstanceOf(StepNotAllowed.class).hasMessageContaining("APPLICATION_SUBMITTED");
  }

  @Test
  void refusesTheSameStepTwice() {
    Pathway housing = openHousing();
    record(housing, "APPLICATION_SUBMITTED", "key-1");
    assertThatThrownBy(() -> record(housing, "APPLICATION_SUBMITTED", "key-2"))
        .isInstanceOf(StepNotAllowed.class).hasMessageContaining("already recorded");
  }

  @Test
  void refusesStepsWhileClosingAndAfterItFinished() {
    Pathway housing = openHousing();
    housing.requestClose(CloseReason.MOVED_AWAY);
    assertThatThrownBy(() -> record(housing, "APPLICATION_SUBMITTED", "key-1"))
        .isInstanceOf(StepNotAllowed.class).hasMessageContaining("being closed");

    housing.finishIncomplete(CloseReason.MOVED_AWAY, NOW);
    assertThat(housing.status()).isEqualTo(PathwayStatus.FINISHED_INCOMPLETE);
    assertThat(housing.closeReason()).isEqualTo(CloseReason.MOVED_AWAY);
    assertThatThrownBy(() -> record(housing, "APPLICATION_SUBMITTED", "key-1"))
        .isInstanceOf(StepNotAllowed.class).hasMessageContaining("FINISHED_INCOMPLETE");
  }

  @Test
  void refusesTheTimersReasonAndASecondDifferentReason() {
    Pathway housing = openHousing();
    assertThatThrownBy(() -> housing.requestClose(CloseReason.TIME_LIMIT)).isInstanceOf(StepNotAllowed.class);
    housing.requestClose(CloseReason.CLIENT_DECLINED);
    housing.requestClose(CloseReason.CLIENT_DECLINED);
    assertThatThrownBy(() -> housing.requestClose(CloseReason.DUPLICATE)).isInstanceOf(StepNotAllowed.class);
  }

  @Test
  void belongsToTheFirstProcessInstanceThatClaimsIt() {
    Pathway housing = openHousing();
    assertThat(housing.claimInstance(101)).isTrue();
    assertThat(housing.claimInstance(101)).as("a redelivered claim job").isTrue();
    assertThat(housing.claimInstance(202)).as("a second instance of the same start").isFalse();
    assertThat(housing.processInstanceKey()).isEqualTo(101);
  }

  @Test
  void completesOnceAndTakesARedeliveredCompletionAsDone() {
    Pathway housing = openHousing();
    housing.complete("STANDARD", NOW);
    housing.complete("STANDARD", NOW.plusSeconds(5));
    assertThat(housing.status()).isEqualTo(PathwayStatus.COMPLETED);
    assertThat(housing.closedAt()).isEqualTo(NOW);
    assertThatThrownBy(() -> housing.finishIncomplete(CloseReason.TIME_LIMIT, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Pathway openHousing() {
    return Pathway.open(new Pathway.Opening(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "HOUSING",
        null, UUID.randomUUID(), Map.of(), "default-1", TODAY, TODAY.plusDays(180),
        NOW.plusSeconds(180L * 24 * 3600)), NOW);
  }

  private static PathwayStep record(Pathway pathway, String code, String key) {
    StepDescriptor step = HOUSING.step(code).orElseThrow();
    return pathway.recordStep(step, new PathwayStep.StepEntry(code, TODAY, Map.of(), null, null, key, "hash"),
        pathway.agencyId(), NOW);
  }
}
