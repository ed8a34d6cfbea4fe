package org.communityhub.engine.workflow;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.pathway.PathwayOutcomes;
import org.communityhub.engine.payment.MilestoneEvaluation;
import org.communityhub.pathways.CloseReason;
import org.communityhub.pathways.ProcessNames;
import org.springframework.stereotype.Component;

/**
 * The job workers of the pathway processes: typed variables in, one call into the domain, a domain refusal
 * mapped to a BPMN error at the edge. Public because the Camunda starter invokes them reflectively.
 */
@Component
public class PathwayJobWorkers {

  private final PathwayOutcomes outcomes;
  private final MilestoneEvaluation milestones;

  PathwayJobWorkers(PathwayOutcomes outcomes, MilestoneEvaluation milestones) {
    this.outcomes = outcomes;
    this.milestones = milestones;
  }

  @JobWorker(type = ProcessNames.JOB_CLAIM_INSTANCE, fetchVariables = ProcessNames.VAR_PATHWAY_ID)
  public void claimInstance(@Variable(name = ProcessNames.VAR_PATHWAY_ID) String pathwayId, ActivatedJob job) {
    if (!outcomes.claimInstance(UUID.fromString(pathwayId), job.getProcessInstanceKey(),
        job.getProcessDefinitionKey())) {
      throw CamundaError.bpmnError(ProcessNames.ERROR_DUPLICATE_INSTANCE,
          "Pathway " + pathwayId + " is already run by another process instance");
    }
  }

  @JobWorker(type = ProcessNames.JOB_EVALUATE_PAYMENT,
      fetchVariables = {ProcessNames.VAR_PATHWAY_ID, ProcessNames.VAR_STEP_ID})
  public Map<String, Object> evaluatePayment(@Variable(name = ProcessNames.VAR_PATHWAY_ID) String pathwayId,
      @Variable(name = ProcessNames.VAR_STEP_ID) String stepId) {
    var earned = milestones.evaluate(UUID.fromString(pathwayId), UUID.fromString(stepId));
    Map<String, Object> result = new HashMap<>();
    result.put(ProcessNames.VAR_MILESTONE, earned.milestone().orElse(null));
    result.put(ProcessNames.VAR_OUTCOME_VARIANT, earned.outcomeVariant().orElse(null));
    return result;
  }

  @JobWorker(type = ProcessNames.JOB_COMPLETE,
      fetchVariables = {ProcessNames.VAR_PATHWAY_ID, ProcessNames.VAR_OUTCOME_VARIANT})
  public void complete(@Variable(name = ProcessNames.VAR_PATHWAY_ID) String pathwayId,
      @Variable(name = ProcessNames.VAR_OUTCOME_VARIANT) String outcomeVariant, ActivatedJob job) {
    outcomes.complete(UUID.fromString(pathwayId), job.getProcessInstanceKey(), outcomeVariant);
  }

  @JobWorker(type = ProcessNames.JOB_FINISH_INCOMPLETE,
      fetchVariables = {ProcessNames.VAR_PATHWAY_ID, ProcessNames.VAR_CLOSE_REASON})
  public void finishIncomplete(@Variable(name = ProcessNames.VAR_PATHWAY_ID) String pathwayId,
      @Variable(name = ProcessNames.VAR_CLOSE_REASON) String closeReason, ActivatedJob job) {
    outcomes.finishIncomplete(UUID.fromString(pathwayId), job.getProcessInstanceKey(),
        CloseReason.valueOf(closeReason));
  }
}
