package org.communityhub.rules.eligibility;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.communityhub.rules.ChecklistAnswer;

/** May this client open this pathway, given their latest checklist and what was entered to open it? */
public record EligibilityQuestion(String pathwayCode, List<ChecklistAnswer> latestChecklistAnswers,
        Map<String, String> openingFields) {

    public EligibilityQuestion {
        Objects.requireNonNull(pathwayCode, "pathwayCode");
        latestChecklistAnswers = latestChecklistAnswers == null ? List.of() : List.copyOf(latestChecklistAnswers);
        openingFields = openingFields == null ? Map.of() : Map.copyOf(openingFields);
    }
}
