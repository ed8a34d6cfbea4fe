package org.communityhub.api.fhir;

import java.util.Date;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.pathways.PathwayDescriptor;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;

/** A pathway's outcome as the client's Goal: achieved when the pathway completes, not achieved when it finishes incomplete. */
final class GoalMapping {

  private GoalMapping() {}

  static Goal of(ClientRecord record, Pathway pathway) {
    PathwayDescriptor descriptor = record.descriptorOf(pathway);
    Goal goal = new Goal();
    goal.setId(pathway.id().toString());
    goal.getMeta().setLastUpdated(Date.from(FhirDates.lastChange(pathway)));
    goal.setLifecycleStatus(switch (pathway.status()) {
      case ACTIVE -> Goal.GoalLifecycleStatus.ACTIVE;
      case COMPLETED -> Goal.GoalLifecycleStatus.COMPLETED;
      case FINISHED_INCOMPLETE -> Goal.GoalLifecycleStatus.CANCELLED;
    });
    String achievement = switch (pathway.status()) {
      case ACTIVE -> "in-progress";
      case COMPLETED -> "achieved";
      case FINISHED_INCOMPLETE -> "not-achieved";
    };
    goal.setAchievementStatus(FhirCodes.concept(FhirCodes.GOAL_ACHIEVEMENT, achievement, null));
    goal.addCategory(FhirCodes.sdohCategoryOf(pathway.code()));
    goal.setDescription(FhirCodes.concept(FhirCodes.PATHWAY_STEP, descriptor.outcome().code(),
        descriptor.outcome().name()).setText(descriptor.name() + ": " + descriptor.outcome().name()));
    goal.setSubject(References.patient(pathway.clientId()));
    goal.setStart(FhirDates.dateType(pathway.openedOn()));
    if (pathway.dueDate() != null) {
      goal.addTarget().setDue(FhirDates.dateType(pathway.dueDate()));
    }
    if (pathway.closedAt() != null) {
      goal.setStatusDateElement(FhirDates.dateType(pathway.closedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
    }
    goal.setExpressedBy(References.patient(pathway.clientId()));
    ConditionMapping.riskFactor(record, pathway.code())
        .ifPresent(factor -> goal.addAddresses(new Reference("Condition/" + factor.id())));
    goal.addAddresses(References.serviceRequest(pathway.id()));
    return goal;
  }
}
