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
import org.junit.jupiter.api.Test;

/** Voiding a step entered in error: it stays in the history, and the pathway is what its valid steps make it. */
class PathwayCorrectionTest {

  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  private static final Instant LATER = NOW.plusSeconds(3600);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private static final PathwayDescriptor HOUSING = PathwayCatalog.standard().find("HOUSING").orElseThrow();
  private static final PathwayDescriptor EMPLOYMENT = PathwayCatalog.standard().find("EMPLOYMENT").orElseThrow();

  @Test
  void keepsAVoidedStepInTheHistoryAndRecomputesTheCurrentStep() {
    Pathway housing = open(HOUSING);
    PathwayStep submitted = record(housing, HOUSING, "APPLICATION_SUBMITTED");
    PathwayStep movedIn = record(housing, HOUSING, "MOVED_IN");
    long revision = housing.revision();

    Pathway.Correction correction = housing.voidStep(movedIn.id(), HOUSING, "sup1", "wrong client", LATER);

    assertThat(correction.reopened()).isFalse();
    assertThat(housing.steps()).containsExactly(submitted, movedIn);
    assertThat(movedIn.voided()).isTrue();
    assertThat(movedIn.voidedAt()).isEqualTo(LATER);
    assertThat(movedIn.voidedBy()).isEqualTo("sup1");
    assertThat(movedIn.voidReason()).isEqualTo("wrong client");
    assertThat(housing.currentStep()).isEqualTo("APPLICATION_SUBMITTED");
    assertThat(housing.revision()).isEqualTo(revision + 1);
    assertThat(housing.status()).isEqualTo(PathwayStatus.ACTIVE);
  }

  @Test
  void letsALaterValidStepTakeTheCodeOfAVoidedOne() {
    Pathway housing = open(HOUSING);
    PathwayStep first = record(housing, HOUSING, "APPLICATION_SUBMITTED");
    housing.voidStep(first.id(), HOUSING, "sup1", "entered twice", LATER);
    assertThat(housing.currentStep()).isNull();
    assertThat(housing.recorded("APPLICATION_SUBMITTED")).isEmpty();

    PathwayStep again = record(housing, HOUSING, "APPLICATION_SUBMITTED");
    assertThat(housing.recorded("APPLICATION_SUBMITTED")).contains(again);
    assertThat(housing.validSteps()).containsExactly(again);
  }

  @Test
  void refusesToVoidAStepTwice() {
    Pathway housing = open(HOUSING);
    PathwayStep step = record(housing, HOUSING, "APPLICATION_SUBMITTED");
    housing.voidStep(step.id(), HOUSING, "sup1", "wrong", LATER);
    long revision = housing.revision();
    assertThatThrownBy(() -> housing.voidStep(step.id(), HOUSING, "sup2", "again", LATER))
        .isInstanceOf(StepAlreadyVoided.class);
    assertThat(step.voidedBy()).isEqualTo("sup1");
    assertThat(housing.revision()).isEqualTo(revision);
  }

  @Test
  void refusesToVoidAStepAnotherValidStepBuildsOn() {
    Pathway housing = open(HOUSING);
    PathwayStep submitted = record(housing, HOUSING, "APPLICATION_SUBMITTED");
    PathwayStep secured = record(housing, HOUSING, "HOUSING_SECURED");
    assertThatThrownBy(() -> housing.voidStep(submitted.id(), HOUSING, "sup1", "wrong", LATER))
        .isInstanceOf(StepNotAllowed.class).hasMessageContaining("void step HOUSING_SECURED first");
    assertThat(submitted.voided()).isFalse();

    housing.voidStep(secured.id(), HOUSING, "sup1", "wrong", LATER);
    housing.voidStep(submitted.id(), HOUSING, "sup1", "wrong", LATER);
    assertThat(housing.validSteps()).isEmpty();
  }

  @Test
  void refusesToVoidTheStepAnotherStepCountsItsDaysFrom() {
    Pathway employment = open(EMPLOYMENT);
    PathwayStep started = record(employment, EMPLOYMENT, "JOB_STARTED");
    record(employment, EMPLOYMENT, "EMPLOYMENT_VERIFIED");
    assertThatThrownBy(() -> employment.voidStep(started.id(), EMPLOYMENT, "sup1", "wrong", LATER))
        .isInstanceOf(StepNotAllowed.class).hasMessageContaining("EMPLOYMENT_VERIFIED");
  }

  @Test
  void reopensACompletedPathwayWhenItsOutcomeStepIsVoided() {
    Pathway housing = open(HOUSING);
    record(housing, HOUSING, "APPLICATION_SUBMITTED");
    PathwayStep movedIn = record(housing, HOUSING, "MOVED_IN");
    housing.claimInstance(101);
    housing.complete("STANDARD", NOW);

    Pathway.Correction correction = housing.voidStep(movedIn.id(), HOUSING, "sup1", "not moved in", LATER);

    assertThat(correction.reopened()).isTrue();
    assertThat(housing.status()).isEqualTo(PathwayStatus.ACTIVE);
    assertThat(housing.outcomeVariant()).isNull();
    assertThat(housing.closedAt()).isNull();
    assertThat(housing.currentStep()).isEqualTo("APPLICATION_SUBMITTED");
    assertThat(housing.handOverToNewInstance()).as("it runs on a new process instance").isTrue();
    assertThat(housing.claimInstance(202)).isTrue();

    PathwayStep movedInAgain = record(housing, HOUSING, "MOVED_IN");
    housing.complete("STANDARD", LATER);
    assertThat(housing.status()).isEqualTo(PathwayStatus.COMPLETED);
    assertThat(housing.recorded("MOVED_IN")).contains(movedInAgain);
  }

  @Test
  void keepsACompletedPathwayCompletedWhenAnotherStepIsVoided() {
    Pathway housing = open(HOUSING);
    PathwayStep submitted = record(housing, HOUSING, "APPLICATION_SUBMITTED");
    record(housing, HOUSING, "MOVED_IN");
    housing.complete("STANDARD", NOW);

    Pathway.Correction correction = housing.voidStep(submitted.id(), HOUSING, "sup1", "never applied", LATER);

    assertThat(correction.reopened()).isFalse();
    assertThat(housing.status()).isEqualTo(PathwayStatus.COMPLETED);
    assertThat(housing.closedAt()).isEqualTo(NOW);
    assertThat(housing.handOverToNewInstance()).isFalse();
  }

  @Test
  void reopensAPathwayFinishedIncompleteByTheVoidedStep() {
    Pathway employment = open(EMPLOYMENT);
    record(employment, EMPLOYMENT, "JOB_STARTED");
    PathwayStep lost = record(employment, EMPLOYMENT, "JOB_LOST");
    employment.requestClose(CloseReason.OUTCOME_NOT_ACHIEVED);
    employment.finishIncomplete(CloseReason.OUTCOME_NOT_ACHIEVED, NOW);

    Pathway.Correction correction = employment.voidStep(lost.id(), EMPLOYMENT, "sup1", "still employed", LATER);

    assertThat(correction.reopened()).isTrue();
    assertThat(employment.status()).isEqualTo(PathwayStatus.ACTIVE);
    assertThat(employment.closeReason()).isNull();
    assertThat(employment.closeRequestedReason()).isNull();
    assertThat(employment.currentStep()).isEqualTo("JOB_STARTED");
  }

  @Test
  void withdrawsTheCloseRequestOfTheVoidedStepWhileTheEngineHasNotClosedYet() {
    Pathway employment = open(EMPLOYMENT);
    record(employment, EMPLOYMENT, "JOB_STARTED");
    PathwayStep lost = record(employment, EMPLOYMENT, "JOB_LOST");
    employment.requestClose(CloseReason.OUTCOME_NOT_ACHIEVED);

    employment.voidStep(lost.id(), EMPLOYMENT, "sup1", "still employed", LATER);

    assertThat(employment.status()).isEqualTo(PathwayStatus.ACTIVE);
    assertThat(employment.closeRequestedReason()).isNull();
    record(employment, EMPLOYMENT, "EMPLOYMENT_VERIFIED");
  }

  @Test
  void keepsAPathwayClosedForAnotherReasonClosed() {
    Pathway housing = open(HOUSING);
    PathwayStep submitted = record(housing, HOUSING, "APPLICATION_SUBMITTED");
    housing.requestClose(CloseReason.MOVED_AWAY);
    housing.finishIncomplete(CloseReason.MOVED_AWAY, NOW);

    Pathway.Correction correction = housing.voidStep(submitted.id(), HOUSING, "sup1", "wrong", LATER);

    assertThat(correction.reopened()).isFalse();
    assertThat(housing.status()).isEqualTo(PathwayStatus.FINISHED_INCOMPLETE);
    assertThat(housing.closeReason()).isEqualTo(CloseReason.MOVED_AWAY);
  }

  private static Pathway open(PathwayDescriptor descriptor) {
    return Pathway.open(new Pathway.Opening(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
        descriptor.code(), null, UUID.randomUUID(), Map.of(), "default-1", TODAY, TODAY.plusDays(180),
        NOW.plusSeconds(180L * 24 * 3600)), NOW);
  }

  private static PathwayStep record(Pathway pathway, PathwayDescriptor descriptor, String code) {
    return pathway.recordStep(descriptor.step(code).orElseThrow(), new PathwayStep.StepEntry(code, TODAY,
        Map.of(), null, null, UUID.randomUUID().toString(), "hash"), pathway.agencyId(), NOW);
  }
}
