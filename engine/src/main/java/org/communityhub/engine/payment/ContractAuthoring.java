package org.communityhub.engine.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.definition.PathwayDefinition;
import org.communityhub.engine.support.FieldProblem;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.communityhub.pathways.OutcomeVariant;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * HUB administrators write payers' contracts. Every rate is checked against the pathway catalog; the
 * contracts of one payer never overlap in time (checked here under a lock on the payer, and by an exclusion
 * constraint in PostgreSQL), so exactly one contract prices an event's day. A written contract's rates
 * never change: a new rate is a new contract from a later date, after ending the current one.
 */
@Service
public class ContractAuthoring {

  /** The milestones the payment rules name (rules/.../payment.drl); a checkpoint is always STANDARD. */
  static final String SERVICE_CONFIRMED = "SERVICE_CONFIRMED";
  static final String OUTCOME_CONFIRMED = "OUTCOME_CONFIRMED";

  private final PayerContracts contracts;
  private final Payers payers;
  private final DefinitionPublishing definitions;
  private final HubClock clock;

  ContractAuthoring(PayerContracts contracts, Payers payers, DefinitionPublishing definitions, HubClock clock) {
    this.contracts = contracts;
    this.payers = payers;
    this.definitions = definitions;
    this.clock = clock;
  }

  public record NewContract(
      @NotBlank @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String payer,
      @NotBlank @Size(max = 200) String name,
      @NotNull LocalDate effectiveFrom,
      LocalDate effectiveTo,
      boolean requiresOutcomeApproval,
      @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid NewRate> rates) {}

  /** Amounts in cents, up to ten million dollars. */
  public record NewRate(
      @NotBlank @Size(max = 64) String pathwayCode,
      @NotBlank @Size(max = 64) String milestone,
      @NotBlank @Size(max = 64) String outcomeVariant,
      @NotNull @Min(0) @Max(1_000_000_000L) Long amountCents) {}

  public record Ending(@NotNull LocalDate effectiveTo) {}

  /** The contract, and whether this request wrote it (false: a retry answered with the contract it wrote). */
  public record Written(PayerContract contract, boolean created) {}

  @Transactional
  public Written create(NewContract request, Actor actor) {
    List<FieldProblem> problems = new ArrayList<>(ratesAgainstTheCatalog(request.rates()));
    if (request.effectiveTo() != null && request.effectiveTo().isBefore(request.effectiveFrom())) {
      problems.add(new FieldProblem("effectiveTo", "must not be before effectiveFrom"));
    }
    UUID payerId = payers.idOf(request.payer()).orElse(null);
    if (payerId == null) {
      problems.add(new FieldProblem("payer", "unknown payer code"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    payers.lock(payerId); // contracts of one payer are written one at a time: the overlap check holds
    PayerContract wanted = new PayerContract(UUID.randomUUID(), request.payer(), request.name(),
        request.effectiveFrom(), request.effectiveTo(), request.requiresOutcomeApproval(),
        request.rates().stream().map(rate -> new PayerContract.Rate(rate.pathwayCode(), rate.milestone(),
            rate.outcomeVariant(), rate.amountCents())).sorted(RATE_ORDER).toList(),
        actor.userId(), clock.now());
    for (PayerContract existing : contracts.ofPayer(payerId)) {
      if (sameTerms(existing, wanted)) {
        return new Written(existing, false); // a retry of the request that wrote it
      }
      if (existing.overlaps(wanted.effectiveFrom(), wanted.effectiveTo())) {
        throw new InvalidInput("effectiveFrom", "the dates overlap contract " + existing.id() + " ("
            + existing.name() + ", " + period(existing) + ") of payer " + request.payer()
            + ": end that contract first, or start this one after it");
      }
    }
    contracts.add(payerId, wanted);
    return new Written(wanted, true);
  }

  /**
   * Sets the contract's last day. It may not end before an event it already priced (those stay priced
   * by it), nor before it starts; a later day must not reach into the payer's next contract. Asking for
   * the last day it already has writes nothing.
   */
  @Transactional
  public PayerContract end(UUID contractId, Ending ending) {
    PayerContract found = contracts.find(contractId).orElseThrow(() -> new NotFound("Contract", contractId));
    UUID payerId = payers.idOf(found.payer()).orElseThrow();
    payers.lock(payerId); // as create does: payer first, then the contract (pricing share-locks it)
    PayerContract contract = contracts.lock(contractId).orElseThrow();
    LocalDate lastDay = ending.effectiveTo();
    if (lastDay.equals(contract.effectiveTo())) {
      return contract;
    }
    if (lastDay.isBefore(contract.effectiveFrom())) {
      throw new InvalidInput("effectiveTo", "must not be before the contract's effectiveFrom "
          + contract.effectiveFrom());
    }
    contracts.lastPricedDay(contractId).filter(lastDay::isBefore).ifPresent(priced -> {
      throw new InvalidInput("effectiveTo", "this contract already priced an event of " + priced
          + "; it can end on that day or later");
    });
    contracts.ofPayer(payerId).stream()
        .filter(other -> !other.id().equals(contractId) && other.overlaps(contract.effectiveFrom(), lastDay))
        .findFirst()
        .ifPresent(next -> {
          throw new InvalidInput("effectiveTo", "would overlap contract " + next.id() + " (" + next.name() + ", "
              + period(next) + ")");
        });
    try {
      contracts.end(contractId, lastDay);
    } catch (DataIntegrityViolationException overlap) {
      throw new InvalidInput("effectiveTo", "would overlap another contract of payer " + contract.payer());
    }
    return contracts.find(contractId).orElseThrow();
  }

  @Transactional(readOnly = true)
  public PayerContract find(UUID contractId) {
    return contracts.find(contractId).orElseThrow(() -> new NotFound("Contract", contractId));
  }

  /** A payer's contracts, oldest first. */
  @Transactional(readOnly = true)
  public List<PayerContract> ofPayer(String payerCode) {
    UUID payerId = payers.idOf(payerCode).orElseThrow(() -> new InvalidInput("payer", "unknown payer code"));
    return contracts.ofPayer(payerId);
  }

  /**
   * Each rate names a pathway of the catalog, a milestone the payment rules earn, and a variant that
   * pathway's outcome has (a checkpoint is STANDARD); a (pathway, milestone, variant) is priced once.
   */
  private List<FieldProblem> ratesAgainstTheCatalog(List<NewRate> rates) {
    Map<String, Set<String>> variants = definitions.activeDefinitions().stream()
        .map(PathwayDefinition::descriptor)
        .collect(Collectors.toMap(PathwayDescriptor::code, descriptor -> Set.copyOf(descriptor.variantCodes())));
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < rates.size(); i++) {
      NewRate rate = rates.get(i);
      String field = "rates[" + i + "].";
      Set<String> allowed = variants.get(rate.pathwayCode());
      if (allowed == null) {
        problems.add(new FieldProblem(field + "pathwayCode", "no pathway with this code in the catalog"));
        continue;
      }
      if (rate.milestone().equals(SERVICE_CONFIRMED)) {
        allowed = Set.of(OutcomeVariant.STANDARD);
      } else if (!rate.milestone().equals(OUTCOME_CONFIRMED)) {
        problems.add(new FieldProblem(field + "milestone", "must be " + SERVICE_CONFIRMED + " or "
            + OUTCOME_CONFIRMED));
        continue;
      }
      if (!allowed.contains(rate.outcomeVariant())) {
        problems.add(new FieldProblem(field + "outcomeVariant", "must be one of " + allowed.stream().sorted().toList()
            + " for " + rate.milestone() + " of " + rate.pathwayCode()));
        continue;
      }
      Integer earlier = seen.putIfAbsent(rate.pathwayCode() + "/" + rate.milestone() + "/" + rate.outcomeVariant(), i);
      if (earlier != null) {
        problems.add(new FieldProblem(field + "outcomeVariant", "rates[" + earlier + "] already prices "
            + rate.milestone() + "/" + rate.outcomeVariant() + " of " + rate.pathwayCode()));
      }
    }
    return problems;
  }

  private static final Comparator<PayerContract.Rate> RATE_ORDER = Comparator
      .comparing(PayerContract.Rate::pathwayCode).thenComparing(PayerContract.Rate::milestone)
      .thenComparing(PayerContract.Rate::outcomeVariant);

  private static boolean sameTerms(PayerContract existing, PayerContract wanted) {
    return existing.name().equals(wanted.name()) && existing.effectiveFrom().equals(wanted.effectiveFrom())
        && Objects.equals(existing.effectiveTo(), wanted.effectiveTo())
        && existing.requiresOutcomeApproval() == wanted.requiresOutcomeApproval()
        && Set.copyOf(existing.rates()).equals(Set.copyOf(wanted.rates())); // each rate's key is unique
  }

  private static String period(PayerContract contract) {
    return contract.effectiveFrom() + " to " + (contract.effectiveTo() == null ? "open end" : contract.effectiveTo());
  }
}
