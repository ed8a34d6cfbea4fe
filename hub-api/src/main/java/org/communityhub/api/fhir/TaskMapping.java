package org.communityhub.api.fhir;

import java.util.Date;
import java.util.Optional;
import org.communityhub.engine.pathway.Pathway;
import org.communityhub.engine.pathway.PathwayStatus;
import org.communityhub.engine.pathway.PathwayStep;
import org.communityhub.pathways.CloseReason;
import org.communityhub.pathways.PathwayDescriptor;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * A pathway as the Task that fulfils its ServiceRequest, and each recorded step as a Task part of it. The
 * pathway's lifecycle is Task.status, the step it is at Task.businessStatus, why it finished incomplete
 * Task.statusReason, and the confirmed outcome a Procedure contained in Task.output.
 */
final class TaskMapping {

  private TaskMapping() {}

  /** The id of the Procedure contained in a completed pathway's Task. */
  static final String OUTCOME = "outcome";

  /** Finished Incomplete for one of these was called off (cancelled); for any other reason it failed. */
  static Task.TaskStatus statusOf(Pathway pathway) {
    return switch (pathway.status()) {
      case ACTIVE -> pathway.steps().stream().anyMatch(step -> !step.voided())
          ? Task.TaskStatus.INPROGRESS : Task.TaskStatus.ACCEPTED;
      case COMPLETED -> Task.TaskStatus.COMPLETED;
      case FINISHED_INCOMPLETE -> switch (pathway.closeReason()) {
        case CLIENT_DECLINED, DUPLICATE, ENTERED_IN_ERROR -> Task.TaskStatus.CANCELLED;
        case UNABLE_TO_LOCATE, MOVED_AWAY, LOST_ELIGIBILITY, OUTCOME_NOT_ACHIEVED, TIME_LIMIT -> Task.TaskStatus.FAILED;
      };
    };
  }

  static Task of(ClientRecord record, Pathway pathway) {
    PathwayDescriptor descriptor = record.descriptorOf(pathway);
    Task task = new Task();
    task.setId(pathway.id().toString());
    task.getMeta().setLastUpdated(Date.from(FhirDates.lastChange(pathway)));
    task.setStatus(statusOf(pathway));
    if (pathway.closeReason() != null) {
      task.setStatusReason(closeReason(pathway.closeReason()));
    }
    if (pathway.currentStep() != null) {
      task.setBusinessStatus(FhirCodes.concept(FhirCodes.PATHWAY_STEP, pathway.currentStep(),
          descriptor.step(pathway.currentStep()).map(step -> step.name()).orElse(null)));
    }
    task.setIntent(Task.TaskIntent.ORDER);
    task.setCode(FhirCodes.concept(FhirCodes.TASK_CODE, "fulfill", "Fulfill the focal request"));
    task.setDescription(descriptor.name());
    task.setFocus(References.serviceRequest(pathway.id()));
    task.setFor(References.patient(pathway.clientId()));
    task.setExecutionPeriod(period(pathway));
    task.setAuthoredOn(Date.from(pathway.openedAt()));
    task.setLastModified(Date.from(FhirDates.lastChange(pathway)));
    task.setRequester(References.organization(pathway.agencyId()));
    task.setOwner(References.organization(pathway.agencyId()));
    if (pathway.status() == PathwayStatus.COMPLETED) {
      outcomeStep(pathway, descriptor).ifPresent(step -> {
        task.addContained(procedure(pathway, descriptor, step));
        task.addOutput()
            .setType(FhirCodes.concept(FhirCodes.SDOHCC, "resulting-activity", "Resulting Activity"))
            .setValue(new Reference("#" + OUTCOME));
      });
    }
    return task;
  }

  /** A recorded step: part of its pathway's Task, completed when it happened (entered-in-error once voided). */
  static Task of(ClientRecord record, Pathway pathway, PathwayStep step) {
    PathwayDescriptor descriptor = record.descriptorOf(pathway);
    Task task = new Task();
    task.setId(step.id().toString());
    task.getMeta().setLastUpdated(Date.from(FhirDates.lastChange(step)));
    task.addPartOf(References.task(pathway.id()));
    task.setStatus(step.voided() ? Task.TaskStatus.ENTEREDINERROR : Task.TaskStatus.COMPLETED);
    if (step.voided()) {
      task.setStatusReason(FhirCodes.concept(FhirCodes.CLOSE_REASON, CloseReason.ENTERED_IN_ERROR.name(), null)
          .setText(step.voidReason()));
    }
    task.setIntent(Task.TaskIntent.ORDER);
    task.setCode(FhirCodes.concept(FhirCodes.PATHWAY_STEP, step.stepCode(),
        descriptor.step(step.stepCode()).map(described -> described.name()).orElse(null)));
    task.setFocus(References.serviceRequest(pathway.id()));
    task.setFor(References.patient(pathway.clientId()));
    task.setExecutionPeriod(new Period().setStartElement(FhirDates.dateTime(step.occurredOn()))
        .setEndElement(FhirDates.dateTime(step.occurredOn())));
    task.setAuthoredOn(Date.from(step.recordedAt()));
    task.setLastModified(Date.from(FhirDates.lastChange(step)));
    task.setRequester(References.organization(pathway.agencyId()));
    task.setOwner(References.organization(step.agencyId()));
    if (step.note() != null && !step.note().isBlank()) {
      task.addNote(new Annotation().setText(step.note()));
    }
    return task;
  }

  private static Period period(Pathway pathway) {
    Period period = new Period().setStartElement(FhirDates.dateTime(pathway.openedAt()));
    if (pathway.closedAt() != null) {
      period.setEndElement(FhirDates.dateTime(pathway.closedAt()));
    }
    return period;
  }

  static org.hl7.fhir.r4.model.CodeableConcept closeReason(CloseReason reason) {
    return FhirCodes.concept(FhirCodes.CLOSE_REASON, reason.name(), ConditionMapping.readable(reason.name()))
        .setText(ConditionMapping.readable(reason.name()));
  }

  private static Optional<PathwayStep> outcomeStep(Pathway pathway, PathwayDescriptor descriptor) {
    return pathway.steps().stream()
        .filter(step -> !step.voided() && step.stepCode().equals(descriptor.outcomeStep()))
        .reduce((first, later) -> later);
  }

  /** The confirmed outcome: the outcome step, with who confirmed it and how. */
  private static Procedure procedure(Pathway pathway, PathwayDescriptor descriptor, PathwayStep step) {
    Procedure procedure = new Procedure();
    procedure.setId(OUTCOME);
    procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
    procedure.addBasedOn(References.serviceRequest(pathway.id()));
    procedure.setCategory(FhirCodes.sdohCategoryOf(pathway.code()));
    procedure.setCode(FhirCodes.concept(FhirCodes.PATHWAY_STEP, step.stepCode(), descriptor.outcome().name())
        .setText(descriptor.outcome().name()));
    procedure.setSubject(References.patient(pathway.clientId()));
    procedure.setPerformed(FhirDates.dateTime(step.occurredOn()));
    if (step.evidence() != null) {
      procedure.addNote(new Annotation().setText("Confirmed by " + step.evidence().confirmedBy() + " ("
          + step.evidence().method() + ") on " + step.evidence().confirmedOn()));
    }
    if (pathway.outcomeVariant() != null) {
      procedure.addNote(new Annotation().setText("Outcome variant: " + pathway.outcomeVariant()));
    }
    return procedure;
  }
}
