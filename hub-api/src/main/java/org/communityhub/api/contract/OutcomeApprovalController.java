package org.communityhub.api.contract;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.payment.OutcomeApprovals;
import org.communityhub.engine.payment.OutcomeApprovals.OutcomeApproval;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Supervisors (and HUB administrators) approve outcome evidence that a payer's contract bills only after approval. */
@RestController
class OutcomeApprovalController {

  private final OutcomeApprovals approvals;
  private final CurrentActor actor;

  OutcomeApprovalController(OutcomeApprovals approvals, CurrentActor actor) {
    this.approvals = approvals;
    this.actor = actor;
  }

  /** Outcomes awaiting approval: the caller's agency's, or every agency's for a HUB administrator. */
  @GetMapping("/outcome-approvals")
  List<OutcomeApproval> awaiting() {
    return approvals.awaiting(actor.get());
  }

  /** Approves and bills the pathway's outcome; approving again answers the first approval. */
  @PostMapping("/pathways/{pathwayId}/outcome-approval")
  @ApiResponse(responseCode = "409", description = """
      No outcome of this pathway awaits approval: its outcome step is not confirmed (or not yet evaluated), or \
      the contract that priced it bills without approval.""")
  OutcomeApproval approve(@PathVariable UUID pathwayId) {
    return approvals.approve(pathwayId, actor.get());
  }
}
