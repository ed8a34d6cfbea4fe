package org.communityhub.engine.checklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.registry.ClientRegistry;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.risk.RiskScoring;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores a client's checklist with its risk score, tier and recommended pathways. */
@Service
public class ChecklistScoring {

  private final ClientRegistry registry;
  private final Checklists checklists;
  private final ChecklistPublishing definitions;
  private final RiskScoring riskScoring;
  private final HubClock clock;

  ChecklistScoring(ClientRegistry registry, Checklists checklists, ChecklistPublishing definitions,
      RiskScoring riskScoring, HubClock clock) {
    this.registry = registry;
    this.checklists = checklists;
    this.definitions = definitions;
    this.riskScoring = riskScoring;
    this.clock = clock;
  }

  /** Checks the answers against the active version of the checklist, scores them, and keeps both. */
  @Transactional
  public Checklist submit(UUID clientId, ChecklistSubmission submission, Actor actor) {
    registry.findForWork(clientId, actor);
    PublishedChecklist answered = definitions.active(submission.kind());
    var problems = answered.definition().problemsWith(submission.answers());
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    var assessment = riskScoring.assess(ChecklistAnswer.ofAll(submission.answers()));
    return checklists.save(Checklist.scored(
        clientId, actor.agencyId(), answered, submission.answers(), assessment, clock.now()));
  }

  /** The client's checklists, newest first, in the caller's scope. */
  @Transactional(readOnly = true)
  public List<Checklist> ofClient(UUID clientId, Actor actor) {
    registry.find(clientId, actor);
    return checklists.findByClientIdOrderBySubmittedAtDesc(clientId);
  }

  /**
   * The client's checklists, newest first, for a reader whose right to them is not an agency's (a partner
   * with the client's consent): the caller has checked it.
   */
  @Transactional(readOnly = true)
  public List<Checklist> ofSharedClient(UUID clientId) {
    return checklists.findByClientIdOrderBySubmittedAtDesc(clientId);
  }

  /** The client a checklist belongs to, whoever asks: for a caller that checks its own right to the client. */
  @Transactional(readOnly = true)
  public Optional<UUID> clientOf(UUID checklistId) {
    return checklists.findById(checklistId).map(Checklist::clientId);
  }

  /** One checklist, in the caller's scope: another agency's client's checklist is not found. */
  @Transactional(readOnly = true)
  public Checklist find(UUID checklistId, Actor actor) {
    Checklist checklist = checklists.findById(checklistId)
        .orElseThrow(() -> new NotFound("Checklist", checklistId));
    try {
      registry.find(checklist.clientId(), actor);
    } catch (NotFound hidden) {
      throw new NotFound("Checklist", checklistId);
    }
    return checklist;
  }

  /** The version of the checklist that was answered (its questions' texts and answer types). */
  @Transactional(readOnly = true)
  public Optional<ChecklistDefinition> answeredDefinition(Checklist checklist) {
    return checklist.definitionId() == null ? Optional.empty()
        : Optional.of(definitions.version(checklist.definitionId()).definition());
  }

  /** The risk factors a submitted checklist's answers signal, by the definition version it answered. */
  @Transactional(readOnly = true)
  public List<String> signalledRiskFactors(Checklist checklist) {
    return checklist.definitionId() == null ? List.of()
        : definitions.version(checklist.definitionId()).definition().signalledRiskFactors(checklist.answers());
  }

  /**
   * The client's answers as the eligibility rules see them: each question's most recent answer, from
   * whichever checklist asked it last (a follow-up asks fewer questions than the initial checklist).
   */
  @Transactional(readOnly = true)
  public List<ChecklistAnswer> latestAnswers(UUID clientId) {
    Map<String, String> latest = new LinkedHashMap<>();
    checklists.findByClientIdOrderBySubmittedAtDesc(clientId)
        .forEach(checklist -> checklist.answers().forEach(latest::putIfAbsent));
    return ChecklistAnswer.ofAll(latest);
  }
}
