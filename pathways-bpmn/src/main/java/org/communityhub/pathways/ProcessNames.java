package org.communityhub.pathways;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one place naming what the BPMN and the Java code share: job types, message names, error codes,
 * variable names and the element ids that are the same in every pathway process. {@code
 * CatalogMatchesBpmnTest} fails when a BPMN file drifts from these names or from its descriptor.
 */
public final class ProcessNames {

  // Job types (zeebe:taskDefinition type).
  /** Records the process instance as the pathway's; throws {@link #ERROR_DUPLICATE_INSTANCE} if another owns it. */
  public static final String JOB_CLAIM_INSTANCE = "hub.pathway.claim-instance";
  /** Decides the payment milestone and outcome variant a step earned; completes with both. */
  public static final String JOB_EVALUATE_PAYMENT = "hub.payment.evaluate-milestone";
  /** Closes the pathway as Completed with the outcome variant. */
  public static final String JOB_COMPLETE = "hub.pathway.complete";
  /** Closes the pathway as Finished Incomplete with {@link #VAR_CLOSE_REASON}. */
  public static final String JOB_FINISH_INCOMPLETE = "hub.pathway.finish-incomplete";

  // Messages (step messages are per pathway, in the descriptors).
  /** Interrupts the steps; carries {@link #VAR_CLOSE_REASON}. Correlated by {@link #VAR_PATHWAY_ID}. */
  public static final String MESSAGE_CLOSE_REQUESTED = "Pathway_CloseRequested";

  // BPMN error codes.
  /** Thrown by the claim worker when another process instance already owns the pathway. */
  public static final String ERROR_DUPLICATE_INSTANCE = "DUPLICATE_INSTANCE";

  // Process variables.
  /** The pathway's id (a UUID string); the correlation key of every message. Set at creation. */
  public static final String VAR_PATHWAY_ID = "pathwayId";
  /** When the time limit expires: ISO-8601 date-time with offset. Set at creation. */
  public static final String VAR_DEADLINE = "deadline";
  /** The recorded step's id (a UUID string); carried by every step message. */
  public static final String VAR_STEP_ID = "stepId";
  /** A {@link CloseReason} name; carried by the close message, set to TIME_LIMIT by the timer path. */
  public static final String VAR_CLOSE_REASON = "closeReason";
  /** The payment milestone a step earned; output of {@link #JOB_EVALUATE_PAYMENT}. */
  public static final String VAR_MILESTONE = "milestone";
  /** The outcome variant (one of the descriptor's); output of {@link #JOB_EVALUATE_PAYMENT}. */
  public static final String VAR_OUTCOME_VARIANT = "outcomeVariant";

  // Task headers.
  /** Header of each payment task: the code of the step it evaluates (e.g. MOVED_IN). */
  public static final String HEADER_STEP_CODE = "stepCode";

  /** The correlation key expression of every message subscription. */
  public static final String CORRELATION_KEY = "=" + VAR_PATHWAY_ID;
  /** The time-limit timer's date expression. */
  public static final String TIMER_DATE = "=" + VAR_DEADLINE;

  // Element ids every pathway process has.
  public static final String ELEMENT_START = "Start_PathwayOpened";
  public static final String ELEMENT_CLAIM_INSTANCE = "Task_ClaimInstance";
  public static final String ELEMENT_DUPLICATE_INSTANCE_BOUNDARY = "Boundary_DuplicateInstance";
  public static final String ELEMENT_END_DUPLICATE_INSTANCE = "End_DuplicateInstance";
  public static final String ELEMENT_STEPS = "SubProcess_Steps";
  public static final String ELEMENT_STEPS_START = "Start_Steps";
  public static final String ELEMENT_STEPS_DONE = "End_StepsDone";
  public static final String ELEMENT_COMPLETE = "Task_CompletePathway";
  public static final String ELEMENT_END_COMPLETED = "End_Completed";
  public static final String ELEMENT_TIMER_TIME_LIMIT = "Timer_TimeLimit";
  public static final String ELEMENT_FINISH_INCOMPLETE_TIME_LIMIT = "Task_FinishIncomplete_TimeLimit";
  public static final String ELEMENT_END_FINISHED_INCOMPLETE_TIME_LIMIT = "End_FinishedIncomplete_TimeLimit";
  public static final String ELEMENT_CLOSE_REQUESTED = "Message_CloseRequested";
  public static final String ELEMENT_FINISH_INCOMPLETE = "Task_FinishIncomplete";
  public static final String ELEMENT_END_FINISHED_INCOMPLETE = "End_FinishedIncomplete";

  private static final String STEP_PREFIX = "Step_";
  private static final String PAYMENT_TASK_PREFIX = "Task_EvaluatePayment_";

  private ProcessNames() {}

  /** The id of a step's message catch event: {@code MOVED_IN} → {@code Step_MovedIn}. */
  public static String stepElementId(String stepCode) {
    return STEP_PREFIX + camel(stepCode);
  }

  /** The id of the payment task after a step: {@code MOVED_IN} → {@code Task_EvaluatePayment_MovedIn}. */
  public static String paymentTaskElementId(String stepCode) {
    return PAYMENT_TASK_PREFIX + camel(stepCode);
  }

  /** The id of a message definition: {@code Housing_MovedIn} → {@code Message_Housing_MovedIn}. */
  public static String messageElementId(String messageName) {
    return "Message_" + messageName;
  }

  /** The value of {@link #VAR_DEADLINE}: ISO-8601 with offset, e.g. {@code 2026-07-01T00:00:00-04:00}. */
  public static String deadlineVariable(OffsetDateTime deadline) {
    return deadline.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** {@code FIRST_VISIT_ATTENDED} → {@code FirstVisitAttended}. */
  static String camel(String code) {
    return Arrays.stream(code.split("_"))
        .filter(part -> !part.isEmpty())
        .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1).toLowerCase(Locale.ROOT))
        .collect(Collectors.joining());
  }
}
