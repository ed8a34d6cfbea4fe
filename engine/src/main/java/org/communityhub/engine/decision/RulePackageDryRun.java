package org.communityhub.engine.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.communityhub.engine.checklist.RiskDryRun;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.pathway.EligibilityDryRun;
import org.communityhub.engine.payment.PaymentDryRun;
import org.communityhub.engine.support.FieldProblem;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Period;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.CompileResult;
import org.communityhub.rules.Decision;
import org.communityhub.rules.RuleEvaluationFailed;
import org.communityhub.rules.eligibility.Eligibility;
import org.communityhub.rules.eligibility.EligibilityDecision;
import org.communityhub.rules.eligibility.EligibilityQuestion;
import org.communityhub.rules.eligibility.IneligibilityReason;
import org.communityhub.rules.payment.EarnedMilestone;
import org.communityhub.rules.payment.MilestoneDecision;
import org.communityhub.rules.payment.PathwayEvent;
import org.communityhub.rules.payment.PaymentMilestones;
import org.communityhub.rules.risk.PathwayRecommendation;
import org.communityhub.rules.risk.RiskAssessment;
import org.communityhub.rules.risk.RiskScoring;
import org.springframework.stereotype.Service;

/**
 * Tries a stored version before it is activated: on facts given by the administrator (each decided under
 * the version in force and under the draft, side by side) and on what the HUB recorded in a period (the
 * decision's own comparison: money for payment, tiers for risk, refusals for eligibility). Writes nothing.
 */
@Service
public class RulePackageDryRun {

  /** A dry run over a year of records at most: it reads them all into memory. */
  static final int MAX_PERIOD_DAYS = 366;

  private final RulePackageAuthoring authoring;
  private final ActiveRulePackages activePackages;
  private final RiskScoring riskScoring;
  private final Eligibility eligibility;
  private final PaymentMilestones paymentMilestones;
  private final DefinitionPublishing definitions;
  private final RiskDryRun riskRecords;
  private final EligibilityDryRun eligibilityRecords;
  private final PaymentDryRun paymentRecords;

  RulePackageDryRun(RulePackageAuthoring authoring, ActiveRulePackages activePackages, RiskScoring riskScoring,
      Eligibility eligibility, PaymentMilestones paymentMilestones, DefinitionPublishing definitions,
      RiskDryRun riskRecords, EligibilityDryRun eligibilityRecords, PaymentDryRun paymentRecords) {
    this.authoring = authoring;
    this.activePackages = activePackages;
    this.riskScoring = riskScoring;
    this.eligibility = eligibility;
    this.paymentMilestones = paymentMilestones;
    this.definitions = definitions;
    this.riskRecords = riskRecords;
    this.eligibilityRecords = eligibilityRecords;
    this.paymentRecords = paymentRecords;
  }

  /**
   * What to try the draft on: facts of the package's decision (checklists for risk, openings for eligibility,
   * events for payment), a period of recorded decisions, or both.
   */
  public record DryRunRequest(@Valid @Size(max = 100) List<@Valid @NotNull ChecklistFacts> checklists,
      @Valid @Size(max = 100) List<@Valid @NotNull OpeningFacts> openings,
      @Valid @Size(max = 100) List<@Valid @NotNull EventFacts> events,
      @Valid Period period) {}

  /** A checklist's answers by question code, given to the rules as they are (partial checklists are fine). */
  public record ChecklistFacts(@NotNull @Size(max = 100) Map<String, @Size(max = 200) String> answers) {}

  /** A request to open a pathway, with the answers of the client's latest checklist. */
  public record OpeningFacts(@NotBlank @Size(max = 64) String pathwayCode,
      @Size(max = 100) Map<String, @Size(max = 200) String> checklistAnswers,
      @Size(max = 50) Map<String, @Size(max = 500) String> openingFields) {}

  /** A step recorded on a pathway: whether it confirms the outcome comes from the pathway's active definition. */
  public record EventFacts(@NotBlank @Size(max = 64) String pathwayCode, @NotBlank @Size(max = 64) String stepCode,
      @Size(max = 50) Map<String, @Size(max = 500) String> data) {}

  /** What a decision came to on one fact: the decision's own fields, or the failure. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DryRunOutcome(String version, Integer score, String tier, List<String> recommendedPathways,
      Boolean eligible, List<String> reasons, String milestone, String outcomeVariant, String failure) {

    static DryRunOutcome risk(RiskAssessment assessment) {
      return new DryRunOutcome(assessment.rulePackageVersion(), assessment.score(), assessment.tier().name(),
          assessment.recommendations().stream().map(PathwayRecommendation::pathwayCode).toList(),
          null, null, null, null, null);
    }

    static DryRunOutcome eligibility(EligibilityDecision decision) {
      return new DryRunOutcome(decision.rulePackageVersion(), null, null, null, decision.eligible(),
          decision.reasons().stream().map(IneligibilityReason::reason).toList(), null, null, null);
    }

    static DryRunOutcome payment(MilestoneDecision decision) {
      return new DryRunOutcome(decision.rulePackageVersion(), null, null, null, null, null,
          decision.earned().map(EarnedMilestone::milestone).orElse(null),
          decision.earned().map(EarnedMilestone::outcomeVariant).orElse(null), null);
    }

    static DryRunOutcome failed(RuleEvaluationFailed failure) {
      return new DryRunOutcome(failure.version(), null, null, null, null, null, null, null, failure.getMessage());
    }

    /** The same decision, whichever version made it. */
    boolean sameAs(DryRunOutcome other) {
      return Objects.equals(score, other.score) && Objects.equals(tier, other.tier)
          && Objects.equals(recommendedPathways, other.recommendedPathways) && Objects.equals(eligible, other.eligible)
          && Objects.equals(reasons, other.reasons) && Objects.equals(milestone, other.milestone)
          && Objects.equals(outcomeVariant, other.outcomeVariant) && Objects.equals(failure, other.failure);
    }
  }

  /** One fact of the request (by its place in its list), decided by the version in force and by the draft. */
  public record DryRunComparison(int index, DryRunOutcome active, DryRunOutcome draft, boolean changed) {}

  /**
   * @param period the decision's summary over the period: a PaymentDryRun, RiskDryRun or EligibilityDryRun
   *     summary; null when no period was asked for
   */
  public record DryRunReport(String decision, String draftVersion, List<DryRunComparison> facts, Object period) {}

  /**
   * @throws org.communityhub.engine.support.NotFound when the decision has no such version
   * @throws InvalidInput when the facts are of another decision, name an unknown pathway or step, or
   *     the period runs backwards or is too long
   */
  public DryRunReport tryOut(Decision decision, String version, DryRunRequest request) {
    RulePackageVersion stored = authoring.version(decision, version);
    requireFactsOf(decision, request);
    if (request.period() != null) {
      request.period().requireValid("period", MAX_PERIOD_DAYS);
    }
    // Compiled here on first use (an upload is checked, not compiled under its version name).
    CompileResult compiled = activePackages.compileHere(stored);
    if (!compiled.succeeded()) {
      throw new RulePackageRejected("The " + RulePackageAuthoring.name(decision) + " rule package " + version
          + " fails the checks of this release of the HUB", compiled.errors());
    }
    List<DryRunComparison> facts = switch (decision) {
      case RISK -> compare(request.checklists(), checklist -> ChecklistAnswer.ofAll(checklist.answers()),
          answers -> DryRunOutcome.risk(riskScoring.assess(answers)),
          answers -> DryRunOutcome.risk(riskScoring.assessUnder(version, answers)));
      case ELIGIBILITY -> compare(request.openings(), RulePackageDryRun::question,
          question -> DryRunOutcome.eligibility(eligibility.check(question)),
          question -> DryRunOutcome.eligibility(eligibility.checkUnder(version, question)));
      case PAYMENT -> compare(events(request.events()), Function.identity(),
          event -> DryRunOutcome.payment(paymentMilestones.evaluate(event)),
          event -> DryRunOutcome.payment(paymentMilestones.evaluateUnder(version, event)));
    };
    Object period = request.period() == null ? null : switch (decision) {
      case RISK -> riskRecords.compare(version, request.period());
      case ELIGIBILITY -> eligibilityRecords.compare(version, request.period());
      case PAYMENT -> paymentRecords.compare(version, request.period());
    };
    return new DryRunReport(RulePackageAuthoring.name(decision), version, facts, period);
  }

  private <F, I> List<DryRunComparison> compare(List<F> facts, Function<F, I> input, Function<I, DryRunOutcome> active,
      Function<I, DryRunOutcome> draft) {
    List<DryRunComparison> comparisons = new ArrayList<>();
    if (facts == null) {
      return comparisons;
    }
    for (int i = 0; i < facts.size(); i++) {
      I decided = input.apply(facts.get(i));
      DryRunOutcome underActive = outcome(() -> active.apply(decided));
      DryRunOutcome underDraft = outcome(() -> draft.apply(decided));
      comparisons.add(new DryRunComparison(i, underActive, underDraft, !underActive.sameAs(underDraft)));
    }
    return comparisons;
  }

  /** A package failing on a fact is an answer of the dry run, not an error of the request. */
  private static DryRunOutcome outcome(Supplier<DryRunOutcome> decide) {
    try {
      return decide.get();
    } catch (RuleEvaluationFailed failure) {
      return DryRunOutcome.failed(failure);
    }
  }

  private static EligibilityQuestion question(OpeningFacts opening) {
    return new EligibilityQuestion(opening.pathwayCode(),
        ChecklistAnswer.ofAll(opening.checklistAnswers() == null ? Map.of() : opening.checklistAnswers()),
        opening.openingFields());
  }

  /** Events as the payment rules see them; the pathway's active definition says which step is its outcome. */
  private List<PathwayEvent> events(List<EventFacts> events) {
    if (events == null) {
      return null;
    }
    List<FieldProblem> problems = new ArrayList<>();
    List<PathwayEvent> known = new ArrayList<>();
    Map<String, PathwayDescriptor> catalog = new HashMap<>();
    definitions.activeDefinitions().forEach(definition -> catalog.put(definition.code(), definition.descriptor()));
    for (int i = 0; i < events.size(); i++) {
      EventFacts event = events.get(i);
      PathwayDescriptor descriptor = catalog.get(event.pathwayCode());
      if (descriptor == null) {
        problems.add(new FieldProblem("events[" + i + "].pathwayCode", "no pathway with this code"));
      } else if (descriptor.step(event.stepCode()).isEmpty()) {
        problems.add(new FieldProblem("events[" + i + "].stepCode", "not a step of the " + descriptor.code() + " pathway"));
      } else {
        known.add(new PathwayEvent(descriptor.code(), event.stepCode(),
            descriptor.outcomeStep().equals(event.stepCode()), event.data()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return known;
  }

  /** Facts of another decision are a mistake worth naming, not something to ignore. */
  private static void requireFactsOf(Decision decision, DryRunRequest request) {
    Map<String, List<?>> given = new LinkedHashMap<>();
    given.put("checklists", request.checklists());
    given.put("openings", request.openings());
    given.put("events", request.events());
    String own = switch (decision) {
      case RISK -> "checklists";
      case ELIGIBILITY -> "openings";
      case PAYMENT -> "events";
    };
    List<FieldProblem> problems = new ArrayList<>();
    given.forEach((field, facts) -> {
      if (facts != null && !field.equals(own)) {
        problems.add(new FieldProblem(field, "are facts of another decision: a " + RulePackageAuthoring.name(decision)
            + " package is tried on " + own));
      }
    });
    if (request.period() == null && (given.get(own) == null || given.get(own).isEmpty())) {
      problems.add(new FieldProblem(own, "give " + own + " to try, a period, or both"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
  }
}
