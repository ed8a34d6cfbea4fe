package org.communityhub.api.outbox;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.communityhub.engine.workflow.DeadLetter;
import org.communityhub.engine.workflow.OutboxAdministration;
import org.communityhub.engine.workflow.OutboxBacklog;
import org.communityhub.engine.workflow.OutboxRowState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox of engine commands: how much waits, which commands the engine refused (dead letters), and their
 * retry. HUB administrators only (the security chain guards /admin/**). See docs/operations.md.
 */
@RestController
class OutboxController {

  private final OutboxAdministration administration;

  OutboxController(OutboxAdministration administration) {
    this.administration = administration;
  }

  /** Undelivered commands: pending, retrying after a failure, dead; and how long the oldest has waited. */
  @GetMapping("/admin/outbox")
  OutboxBacklog backlog() {
    return administration.backlog();
  }

  /** Commands the engine kept refusing, oldest first; each holds back the later commands of its pathway. */
  @GetMapping("/admin/outbox/dead-letters")
  List<DeadLetter> deadLetters(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return administration.deadLetters(limit);
  }

  /** Puts a dead letter back into delivery now; a row already back in delivery answers the same. */
  @PostMapping("/admin/outbox/dead-letters/{id}/retry")
  @ApiResponse(responseCode = "409", description = "The row was delivered: there is nothing to retry.")
  Retried retry(@PathVariable @Min(1) @Max(Long.MAX_VALUE) long id) {
    return new Retried(id, administration.retry(id));
  }

  record Retried(long id, OutboxRowState state) {}
}
