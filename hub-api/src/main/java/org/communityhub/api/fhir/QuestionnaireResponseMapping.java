package org.communityhub.api.fhir;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.communityhub.engine.checklist.Checklist;
import org.communityhub.engine.checklist.ChecklistDefinition;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * A submitted checklist as a completed QuestionnaireResponse: one item per answered question, in the order
 * of the checklist version it answered (linkId: the question's code), typed by the question's answer type.
 */
final class QuestionnaireResponseMapping {

  private QuestionnaireResponseMapping() {}

  static QuestionnaireResponse of(ClientRecord record, ClientRecord.AnsweredChecklist answered) {
    Checklist checklist = answered.checklist();
    QuestionnaireResponse response = new QuestionnaireResponse();
    response.setId(checklist.id().toString());
    response.getMeta().setLastUpdated(Date.from(checklist.submittedAt()));
    String questionnaire = FhirCodes.QUESTIONNAIRE + FhirCodes.idFragment(checklist.kind());
    response.setQuestionnaire(checklist.definitionVersion() == null ? questionnaire
        : questionnaire + "|" + checklist.definitionVersion());
    response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    response.setSubject(References.patient(record.client().id()));
    response.setAuthoredElement(FhirDates.dateTime(checklist.submittedAt()));
    response.setAuthor(References.organization(record.client().agencyId()));
    Map<String, String> unasked = new LinkedHashMap<>(checklist.answers());
    answered.definition().ifPresent(definition -> definition.questions().forEach(question -> {
      String answer = unasked.remove(question.code());
      boolean withheld = question.signals().stream().anyMatch(signal -> record.withheld().contains(signal.riskFactor()));
      if (answer != null && !withheld) {
        response.addItem().setLinkId(question.code()).setText(question.text())
            .addAnswer().setValue(typed(question.answerType(), answer));
      }
    }));
    if (record.withheld().isEmpty()) {
      // Answers the definition version does not name (none today); unknown, so never shared when data is withheld.
      unasked.forEach((code, answer) -> response.addItem().setLinkId(code).addAnswer().setValue(new StringType(answer)));
    }
    return response;
  }

  private static Type typed(ChecklistDefinition.AnswerType type, String answer) {
    try {
      return switch (type) {
        case YES_NO -> new BooleanType(answer.toLowerCase(Locale.ROOT).equals("yes"));
        case COUNT -> new IntegerType(Integer.parseInt(answer));
        case DATE -> FhirDates.dateType(LocalDate.parse(answer));
        case CHOICE -> new StringType(answer);
      };
    } catch (NumberFormatException | DateTimeParseException asWritten) {
      return new StringType(answer);
    }
  }
}
