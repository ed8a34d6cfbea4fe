package org.communityhub.engine.checklist;

import java.util.List;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.registry.ClientRegistry;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.risk.RiskScoring;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores a client's checklist with its risk score, tier and recommended pathways. */
@Service
public class ChecklistScoring {

  private final ClientRegistry registry;
  private final Checklists checklists;
  private final RiskScoring riskScoring;
  private final HubClock clock;

  ChecklistScoring(ClientRegistry registry, Checklists checklists, RiskScoring riskScoring, HubClock clock) {
    this.registry = registry;
    this.checklists = checklists;
    this.riskScoring = riskScoring;
    this.clock = clock;
  }

  @Transactional
  public Checklist submit(UUID clientId, ChecklistSubmission submission, Actor actor) {
    registry.findForWork(clientId, actor);
    ChecklistForm form = formOf(submission.kind());
    var problems = form.problemsWith(submission.answers());
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    var assessment = riskScoring.assess(ChecklistAnswer.ofAll(submission.answers()));
    return checklists.save(Checklist.scored(
        clientId, actor.agencyId(), form.name(), submission.answers(), assessment, clock.now()));
  }

  /** The answers of the client's latest checklist, as the eligibility rules see them. */
  @Transactional(readOnly = true)
  public List<ChecklistAnswer> latestAnswers(UUID clientId) {
    return checklists.findFirstByClientIdOrderBySubmittedAtDesc(clientId)
        .map(latest -> ChecklistAnswer.ofAll(latest.answers()))
        .orElse(List.of());
  }

  private static ChecklistForm formOf(String kind) {
    try {
      return ChecklistForm.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("kind", "unknown checklist kind; known: INITIAL");
    }
  }
}
