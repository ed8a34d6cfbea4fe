package org.communityhub.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** The initial checklist's questions, each with an answer that signals its risk and one that does not. */
    private static final Map<String, List<String>> QUESTIONS = orderedMap(
            "pregnant", List.of("yes", "no"),
            "pregnancy_confirmed", List.of("yes", "no"),
            "housing_status", List.of("HOMELESS", "STABLE"),
            "has_primary_care", List.of("no", "yes"),
            "food_insecure", List.of("yes", "no"),
            "er_visits_12_months", List.of("5", "0"),
            "has_health_coverage", List.of("no", "yes"),
            "has_high_school_diploma", List.of("no", "yes"),
            "child_development_concern", List.of("yes", "no"),
            "unemployed_seeking_work", List.of("yes", "no"),
            "wants_family_planning", List.of("yes", "no"),
            "immunizations_up_to_date", List.of("no", "yes"),
            "health_education_need", List.of("yes", "no"),
            "needs_medical_referral", List.of("yes", "no"),
            "takes_prescribed_medicines", List.of("yes", "no"),
            "recent_hospital_discharge", List.of("yes", "no"),
            "misses_medicine_doses", List.of("yes", "no"),
            "mental_health_concern", List.of("yes", "no"),
            "substance_use_concern", List.of("yes", "no"),
            "has_dentist", List.of("no", "yes"),
            "gave_birth_last_12_weeks", List.of("yes", "no"),
            "social_service_need", List.of("yes", "no"),
            "has_reliable_transportation", List.of("no", "yes"));

    /** Codes of the standard pathways, and one no pathway has. */
    private static final List<String> PATHWAYS = List.of("ADULT_EDUCATION", "DEVELOPMENTAL_REFERRAL", "EMPLOYMENT",
            "FAMILY_PLANNING", "FOOD_SECURITY", "HEALTH_COVERAGE", "HOUSING", "IMMUNIZATION_REFERRAL", "LEARNING",
            "MEDICAL_HOME", "MEDICAL_REFERRAL", "MEDICATION_SCREENING", "MEDICATION_RECONCILIATION",
            "MEDICATION_ADHERENCE", "MENTAL_HEALTH", "SUBSTANCE_USE", "ORAL_HEALTH", "POSTPARTUM", "PREGNANCY",
            "SOCIAL_SERVICE_REFERRAL", "TRANSPORTATION", "UNKNOWN");

    /** Empty, every risk, no risk, every other question garbled, every question unanswered. */
    private static List<List<ChecklistAnswer>> checklists() {
        List<ChecklistAnswer> everyRisk = new ArrayList<>();
        List<ChecklistAnswer> noRisk = new ArrayList<>();
        List<ChecklistAnswer> garbled = new ArrayList<>();
        List<ChecklistAnswer> unanswered = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<String>> question : QUESTIONS.entrySet()) {
            everyRisk.add(ChecklistAnswer.of(question.getKey(), question.getValue().get(0)));
            noRisk.add(ChecklistAnswer.of(question.getKey(), question.getValue().get(1)));
            garbled.add(ChecklistAnswer.of(question.getKey(), i++ % 2 == 0 ? "not an answer" : question.getValue().get(0)));
            unanswered.add(ChecklistAnswer.of(question.getKey(), null));
        }
        return List.of(List.of(), everyRisk, noRisk, garbled, unanswered);
    }

    private static List<Example> eligibilityQuestions() {
        List<Example> examples = new ArrayList<>();
        for (String pathway : PATHWAYS) {
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

    private static Map<String, List<String>> orderedMap(Object... keysAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> value = (List<String>) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }

    private static List<Example> pathwayEvents() {
        return List.of(
                new PathwayEvent("PREGNANCY", "PRENATAL_VISIT_ATTENDED", false, Map.of()),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of("birthWeightGrams", "3200")),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of("birthWeightGrams", "2100")),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of("birthWeightGrams", "not a number")),
                new PathwayEvent("PREGNANCY", "DELIVERY", true, Map.of()),
                new PathwayEvent("HOUSING", "MOVED_IN", true, Map.of()),
                new PathwayEvent("EMPLOYMENT", "JOB_STARTED", false, Map.of("jobStartDate", "2030-01-01")),
                new PathwayEvent("EMPLOYMENT", "EMPLOYMENT_VERIFIED", true, Map.of()),
                new PathwayEvent("LEARNING", "UNDERSTANDING_CONFIRMED", true, Map.of()),
                new PathwayEvent("HOUSING", "APPLICATION_SUBMITTED", false, Map.of()))
                .stream()
                .map(event -> new Example("event " + event, List.<Object>of(event)))
                .toList();
    }
}
