package org.communityhub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.communityhub.rules.eligibility.PathwayOpening;
import org.communityhub.rules.payment.PathwayEvent;

/**
 * Ordinary inputs each decision must survive before its package may be activated. Some DRL mistakes
 * (e.g. {@code intValue == "abc"}) compile cleanly and only fail when a fact first reaches them.
 */
final class ExampleFacts {

    private ExampleFacts() {
    }

    record Example(String description, List<Object> facts) {
    }

    static List<Example> of(Decision decision) {
        return switch (decision) {
            case RISK -> checklists().stream()
                    .map(answers -> new Example("checklist " + answers, List.<Object>copyOf(answers)))
                    .toList();
            case ELIGIBILITY -> eligibilityQuestions();
            case PAYMENT -> pathwayEvents();
        };
    }

    private static List<List<ChecklistAnswer>> checklists() {
        return List.of(
                List.of(),
                answers("yes", "yes", "HOMELESS", "no", "yes", "5", "no"),
                answers("no", "no", "STABLE", "yes", "no", "0", "yes"),
                answers("yes", "no", "UNSTABLE", "yes", "no", "not a number", "yes"),
                answers(null, null, null, null, null, null, null));
    }

    private static List<ChecklistAnswer> answers(String pregnant, String confirmed, String housing,
            String primaryCare, String foodInsecure, String erVisits, String coverage) {
        return List.of(
                ChecklistAnswer.of("pregnant", pregnant),
                ChecklistAnswer.of("pregnancy_confirmed", confirmed),
                ChecklistAnswer.of("housing_status", housing),
                ChecklistAnswer.of("has_primary_care", primaryCare),
                ChecklistAnswer.of("food_insecure", foodInsecure),
                ChecklistAnswer.of("er_visits_12_months", erVisits),
                ChecklistAnswer.of("has_health_coverage", coverage));
    }

    private static List<Example> eligibilityQuestions() {
        List<Example> examples = new ArrayList<>();
        for (String pathway : List.of("PREGNANCY", "HOUSING", "MEDICAL_HOME", "FOOD_SECURITY", "UNKNOWN")) {
            for (List<ChecklistAnswer> answers : checklists()) {
                for (Map<String, String> fields : List.of(Map.<String, String>of(),
                        Map.of("pregnancyConfirmed", "true", "estimatedDueDate", "2030-01-01"))) {
                    List<Object> facts = new ArrayList<>(answers);
                    facts.add(new PathwayOpening(pathway, fields));
                    examples.add(new Example("opening " + pathway + " " + fields + " after " + answers, facts));
                }
            }
        }
        return examples;
    }

    private static List<Example> pathwayEvents() {
        return List.of(
                new PathwayEvent("PREGNANCY", "PRENATAL_VISIT_ATTENDED", false, Map.of()),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of("birthWeightGrams", "3200")),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of("birthWeightGrams", "2100")),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of("birthWeightGrams", "not a number")),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of()),
                new PathwayEvent("HOUSING", "MOVED_IN", true, Map.of()),
                new PathwayEvent("HOUSING", "APPLICATION_SUBMITTED", false, Map.of()))
                .stream()
                .map(event -> new Example("event " + event, List.<Object>of(event)))
                .toList();
    }
}
