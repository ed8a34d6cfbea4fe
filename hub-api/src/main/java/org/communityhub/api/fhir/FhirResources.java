package org.communityhub.api.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.communityhub.api.security.AuditedClient;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.referral.Referral;
import org.communityhub.engine.referral.ReferralDesk;
import org.communityhub.engine.support.NotFound;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * The FHIR resources of a client's record: read by id (the HUB's ids) or searched by patient, each in the
 * caller's scope. Every resource is made from the whole record, so that a read and a search agree.
 */
@Component
class FhirResources {

  private final FhirRecords records;
  private final ReferralDesk referrals;

  FhirResources(FhirRecords records, ReferralDesk referrals) {
    this.records = records;
    this.referrals = referrals;
  }

  Patient patient(UUID clientId, Actor actor) {
    return PatientMapping.of(record(clientId, actor).client());
  }

  List<Condition> conditions(FhirSearch search, Actor actor) {
    return matching(ConditionMapping.of(record(search.patient(), actor)), search);
  }

  /** A Condition's id is its first checklist's id and the risk factor: {@code <checklist id>-housing}. */
  Condition condition(String id, Actor actor) {
    NotFound unknown = new NotFound("Condition", id);
    if (id.length() < 38 || id.charAt(36) != '-') {
      throw unknown;
    }
    UUID checklistId;
    try {
      checklistId = UUID.fromString(id.substring(0, 36));
    } catch (IllegalArgumentException notAnId) {
      throw unknown;
    }
    ClientRecord record = recordOf(() -> records.clientOfChecklist(checklistId, actor), actor, unknown);
    return ConditionMapping.riskFactors(record).stream()
        .filter(factor -> factor.id().equals(id))
        .findFirst()
        .map(factor -> ConditionMapping.of(record, factor))
        .orElseThrow(() -> unknown);
  }

  List<QuestionnaireResponse> questionnaireResponses(FhirSearch search, Actor actor) {
    ClientRecord record = record(search.patient(), actor);
    return matching(record.checklists().stream()
        .map(answered -> QuestionnaireResponseMapping.of(record, answered)).toList(), search);
  }

  QuestionnaireResponse questionnaireResponse(UUID checklistId, Actor actor) {
    NotFound unknown = new NotFound("QuestionnaireResponse", checklistId);
    ClientRecord record = recordOf(() -> records.clientOfChecklist(checklistId, actor), actor, unknown);
    return record.checklists().stream()
        .filter(answered -> answered.checklist().id().equals(checklistId))
        .findFirst()
        .map(answered -> QuestionnaireResponseMapping.of(record, answered))
        .orElseThrow(() -> unknown);
  }

  List<ServiceRequest> serviceRequests(FhirSearch search, Actor actor) {
    return ofPathways(search, actor, ServiceRequestMapping::of);
  }

  ServiceRequest serviceRequest(UUID pathwayId, Actor actor) {
    return ofPathway(pathwayId, actor, "ServiceRequest", ServiceRequestMapping::of);
  }

  List<Goal> goals(FhirSearch search, Actor actor) {
    return ofPathways(search, actor, GoalMapping::of);
  }

  Goal goal(UUID pathwayId, Actor actor) {
    return ofPathway(pathwayId, actor, "Goal", GoalMapping::of);
  }

  /** The pathways' Tasks, each followed by its steps' Tasks. */
  List<Task> tasks(FhirSearch search, Actor actor) {
    ClientRecord record = record(search.patient(), actor);
    List<Task> tasks = new ArrayList<>();
    record.pathways().forEach(pathway -> {
      tasks.add(TaskMapping.of(record, pathway));
      pathway.steps().forEach(step -> tasks.add(TaskMapping.of(record, pathway, step)));
    });
    return matching(tasks, search);
  }

  /**
   * A Task's id is a pathway's id (the pathway's Task), a step's id (the step's Task) or a referral's id (the
   * Task its partner posted, which follows the pathway once accepted).
   */
  Task task(UUID id, Actor actor) {
    NotFound unknown = new NotFound("Task", id);
    try {
      return referralTask(id, actor);
    } catch (NotFound notAReferral) {
      // a pathway's or a step's
    }
    try {
      return ofPathway(id, actor, "Task", TaskMapping::of);
    } catch (NotFound notAPathway) {
      ClientRecord record = recordOf(() -> records.clientOfStep(id, actor), actor, unknown);
      return record.pathways().stream()
          .flatMap(pathway -> pathway.steps().stream().filter(step -> step.id().equals(id))
              .map(step -> TaskMapping.of(record, pathway, step)))
          .findFirst()
          .orElseThrow(() -> unknown);
    }
  }

  /** A partner's referral (a Task it posted), stored pending for the receiving agency; its Task as stored. */
  Task refer(Task posted, Actor partner) {
    Referral referral = referrals.receive(ReferralMapping.fromTask(posted), partner);
    return ReferralMapping.toTask(referral, Optional.empty());
  }

  private Task referralTask(UUID referralId, Actor actor) {
    Referral referral = referrals.find(referralId, actor);
    referral.clientId().ifPresent(AuditedClient::is);
    return ReferralMapping.toTask(referral, referral.pathwayId().map(records::ofReferredPathway));
  }

  private <R extends Resource> List<R> ofPathways(FhirSearch search, Actor actor,
      BiFunction<ClientRecord, Pathway, R> mapping) {
    ClientRecord record = record(search.patient(), actor);
    return matching(record.pathways().stream().map(pathway -> mapping.apply(record, pathway)).toList(), search);
  }

  private <R extends Resource> R ofPathway(UUID pathwayId, Actor actor, String type,
      BiFunction<ClientRecord, Pathway, R> mapping) {
    NotFound unknown = new NotFound(type, pathwayId);
    ClientRecord record = recordOf(() -> records.clientOfPathway(pathwayId, actor), actor, unknown);
    return record.pathway(pathwayId).map(pathway -> mapping.apply(record, pathway)).orElseThrow(() -> unknown);
  }

  /** The client's record for this caller; the audit event of the request names the client. */
  private ClientRecord record(UUID clientId, Actor actor) {
    AuditedClient.is(clientId);
    return records.of(clientId, actor);
  }

  /**
   * The record of the client a resource belongs to. Whatever is not found on the way (the checklist, the
   * pathway, the client in the caller's scope or consent) answers as the resource asked for, naming nothing else.
   */
  private ClientRecord recordOf(Supplier<UUID> clientOfResource, Actor actor, NotFound asked) {
    try {
      return record(clientOfResource.get(), actor);
    } catch (NotFound notFound) {
      throw asked;
    }
  }

  private static <R extends Resource> List<R> matching(List<R> resources, FhirSearch search) {
    return resources.stream().filter(search::matches).toList();
  }
}
