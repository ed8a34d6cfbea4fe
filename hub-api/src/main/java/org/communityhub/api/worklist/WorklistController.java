package org.communityhub.api.worklist;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.worklist.Worklist;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the caller has to do: a CHW's own clients, a supervisor's agency with a caseload per CHW. Lists hold
 * at most {@code limit} entries, most urgent first; the counts cover everything.
 */
@RestController
class WorklistController {

  private final Worklist worklist;
  private final CurrentActor actor;

  WorklistController(Worklist worklist, CurrentActor actor) {
    this.worklist = worklist;
    this.actor = actor;
  }

  @GetMapping("/worklist")
  Worklist.Answer worklist(
      @RequestParam(defaultValue = "14") @Min(0) @Max(Worklist.MAX_CLOSE_TO_LIMIT_DAYS) int closeToTimeLimitDays,
      @RequestParam(defaultValue = "100") @Min(1) @Max(Worklist.MAX_LIMIT) int limit) {
    return worklist.of(actor.get(), closeToTimeLimitDays, limit);
  }
}
