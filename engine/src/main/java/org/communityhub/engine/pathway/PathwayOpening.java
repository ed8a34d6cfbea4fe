package org.communityhub.engine.pathway;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.checklist.ChecklistScoring;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.definition.PathwayDefinition;
import org.communityhub.engine.registry.Client;
import org.communityhub.engine.registry.ClientRegistry;
import org.communityhub.engine.support.FieldProblem;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.pathways.FieldDescriptor;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.rules.eligibility.Eligibility;
import org.communityhub.rules.eligibility.EligibilityDecision;
import org.communityhub.rules.eligibility.EligibilityQuestion;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a pathway for a client: checks the opening fields against the active definition, asks the
 * eligibility rules, and records the pathway and its process start in one transaction.
 */
@Service
public class PathwayOpening {

  private final ClientRegistry registry;
  private final ChecklistScoring checklists;
  private final DefinitionPublishing definitions;
  private final Eligibility eligibility;
  private final Pathways pathways;
  private final ApplicationEventPublisher events;
  private final HubClock clock;

  PathwayOpening(ClientRegistry registry, ChecklistScoring checklists, DefinitionPublishing definitions,
      Eligibility eligibility, Pathways pathways, ApplicationEventPublisher events, HubClock clock) {
    this.registry = registry;
    this.checklists = checklists;
    this.definitions = definitions;
    this.eligibility = eligibility;
    this.pathways = pathways;
    this.events = events;
    this.clock = clock;
  }

  /** A CHW's request to open a pathway. Opening fields are the values the pathway's descriptor asks for. */
  public record OpenRequest(
      @NotBlank @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String pathwayCode,
      @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String typeCode,
      @Size(max = 50) Map<String, @Size(max = 500) String> openingFields) {

    Map<String, String> fields() {
      return openingFields == null ? Map.of() : openingFields;
    }
  }

  @Transactional
  public Pathway open(UUID clientId, OpenRequest request, Actor actor) {
    Client client = registry.findForWork(clientId, actor);
    PathwayDefinition definition = definitions.active(request.pathwayCode());
    PathwayDescriptor descriptor = definition.descriptor();
    requireOpeningFields(descriptor, request.fields(), request.typeCode());

    EligibilityDecision decision = eligibility.check(new EligibilityQuestion(
        descriptor.code(), checklists.latestAnswers(clientId), request.fields()));
    if (!decision.eligible()) {
      throw new NotEligible(descriptor.code(), decision);
    }
    String typeCode = request.typeCode() == null ? "" : request.typeCode();
    refuseIfOpen(clientId, descriptor.code(), typeCode);

    LocalDate today = clock.today();
    Pathway pathway = Pathway.open(new Pathway.Opening(clientId, client.agencyId(), definition.id(),
        descriptor.code(), typeCode, client.payerId(), request.fields(), decision.rulePackageVersion(),
        today, descriptor.timeLimit().dueDate(today, request.fields()),
        descriptor.timeLimit().deadline(today, request.fields(), clock.zone()).toInstant()), clock.now());
    try {
      pathways.saveAndFlush(pathway);
    } catch (DataIntegrityViolationException raced) {
      // The partial unique index caught a concurrent opening of the same pathway for the same client.
      throw new PathwayAlreadyOpen(named(descriptor.code(), typeCode), null);
    }
    events.publishEvent(new PathwayEvents.PathwayOpened(pathway.id(), definition.id(), pathway.deadline()));
    return pathway;
  }

  /** One open pathway per client, code and type code (a referral type, a learning module). */
  private void refuseIfOpen(UUID clientId, String code, String typeCode) {
    pathways.findByClientIdAndCodeAndTypeCodeAndStatus(clientId, code, typeCode, PathwayStatus.ACTIVE)
        .ifPresent(open -> {
          throw new PathwayAlreadyOpen(named(code, typeCode), open.id());
        });
  }

  /** HOUSING, or MEDICAL_REFERRAL (CARDIOLOGY). */
  private static String named(String code, String typeCode) {
    return typeCode.isEmpty() ? code : code + " (" + typeCode + ")";
  }

  /**
   * The opening fields the definition asks for, and a type code exactly when the pathway is parameterised
   * (one of its list, which the HUB extends by publishing a new version).
   */
  private static void requireOpeningFields(PathwayDescriptor descriptor, Map<String, String> fields,
      String typeCode) {
    List<FieldProblem> problems = new ArrayList<>();
    FieldDescriptor.validate(descriptor.openingFields(), fields).forEach((name, reason) ->
        problems.add(new FieldProblem("openingFields." + name, reason)));
    if (descriptor.parameterised() && (typeCode == null || typeCode.isBlank())) {
      problems.add(new FieldProblem("typeCode", "is required: the " + descriptor.code() + " pathway is opened with a "
          + descriptor.typeCodes().label()));
    } else if (descriptor.parameterised() && descriptor.typeCodes().find(typeCode).isEmpty()) {
      problems.add(new FieldProblem("typeCode", "is not a " + descriptor.typeCodes().label() + " of the "
          + descriptor.code() + " pathway"));
    } else if (!descriptor.parameterised() && typeCode != null) {
      problems.add(new FieldProblem("typeCode", "must be left out: the " + descriptor.code()
          + " pathway has no type codes"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
  }
}
