package org.communityhub.pathways;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place naming what the BPMN and the Java code share, all of it engine-wide: job types, the
 * message-naming rule, error codes, variable names and the element ids every pathway process has. Nothing
 * here names a pathway: pathways are data (descriptors and BPMN in PostgreSQL). {@code
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

  /** Variables the engine itself sets or reads; a step's process-variable fields may not use these names. */
  public static final Set<String> RESERVED_VARIABLES = Set.of(VAR_PATHWAY_ID, VAR_DEADLINE, VAR_STEP_ID,
      VAR_CLOSE_REASON, VAR_MILESTONE, VAR_OUTCOME_VARIANT);

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

  private static final String PROCESS_PREFIX = "Pathway_";
  private static final String STEP_PREFIX = "Step_";
  private static final String PAYMENT_TASK_PREFIX = "Task_EvaluatePayment_";
  private static final String WAIT_PREFIX = "Wait_";
  private static final String FINISH_INCOMPLETE_TASK_PREFIX = ELEMENT_FINISH_INCOMPLETE + "_";
  private static final String FINISHED_INCOMPLETE_END_PREFIX = ELEMENT_END_FINISHED_INCOMPLETE + "_";

  private ProcessNames() {}

  /** A pathway's process id: {@code MEDICAL_HOME} → {@code Pathway_MedicalHome}. */
  public static String processId(String pathwayCode) {
    return PROCESS_PREFIX + camel(pathwayCode);
  }

  /**
   * The message-naming rule: a step's message is the pathway and the step in camel case, {@code HOUSING},
   * {@code MOVED_IN} → {@code Housing_MovedIn}, so message names never collide across pathways.
   */
  public static String stepMessageName(String pathwayCode, String stepCode) {
    return camel(pathwayCode) + "_" + camel(stepCode);
  }

  /** The id of a step's message catch event: {@code MOVED_IN} → {@code Step_MovedIn}. */
  public static String stepElementId(String stepCode) {
    return STEP_PREFIX + camel(stepCode);
  }

  /** The id of the payment task after a step: {@code MOVED_IN} → {@code Task_EvaluatePayment_MovedIn}. */
  public static String paymentTaskElementId(String stepCode) {
    return PAYMENT_TASK_PREFIX + camel(stepCode);
  }

  /**
   * The id of the timer a waiting step waits on (see {@link StepDescriptor#waitsFor}): {@code EMPLOYMENT_VERIFIED} →
   * {@code Wait_EmploymentVerified}. It comes right before the step.
   */
  public static String waitElementId(String stepCode) {
    return WAIT_PREFIX + camel(stepCode);
  }

  /**
   * The date of a wait timer: {@code days} after the process variable {@code field} (a date at the start
   * of a day in the HUB's zone, see {@link #processVariableValue}), as a FEEL expression, e.g. {@code
   * =date and time(jobStartDate) + duration("P30D")}.
   */
  public static String waitTimerDate(String field, int days) {
    return "=date and time(" + field + ") + duration(\"P" + days + "D\")";
  }

  /**
   * The id of the finish-incomplete task after a step that finishes the pathway incomplete (a message
   * boundary event on the steps): {@code JOB_LOST} → {@code Task_FinishIncomplete_JobLost}.
   */
  public static String finishIncompleteTaskElementId(String stepCode) {
    return FINISH_INCOMPLETE_TASK_PREFIX + camel(stepCode);
  }

  /** The end event after {@link #finishIncompleteTaskElementId}: {@code End_FinishedIncomplete_JobLost}. */
  public static String finishedIncompleteEndElementId(String stepCode) {
    return FINISHED_INCOMPLETE_END_PREFIX + camel(stepCode);
  }

  /**
   * A step's data value as its message carries it to the process: a DATE becomes the start of that day in
   * the HUB's zone, ISO-8601 with offset (FEEL's {@code date and time(...)} reads it, e.g. {@code
   * 2026-03-02T00:00:00-05:00}); an INTEGER a number, a BOOLEAN a boolean, TEXT itself.
   *
   * @throws IllegalArgumentException when the value is not of the type (validate it first)
   */
  public static Object processVariableValue(FieldType type, String value, ZoneId zone) {
    String v = value.strip();
    try {
      return switch (type) {
        case DATE -> LocalDate.parse(v).atStartOfDay(zone).toOffsetDateTime()
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        case INTEGER -> Long.parseLong(v);
        case BOOLEAN -> Boolean.parseBoolean(v);
        case TEXT -> value;
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a " + type + ": " + value, e);
    }
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
