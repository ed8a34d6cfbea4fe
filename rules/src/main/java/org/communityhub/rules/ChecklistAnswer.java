package org.communityhub.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of a checklist, as rules see it: a question code and the answer as text.
 * A JavaBean (getters) because DRL constraints read it by property name ({@code question == "pregnant", yes}).
 */
public final class ChecklistAnswer {

    private final String question;
    private final String value;

    /** @param value the answer as entered; null when the question was left unanswered */
    public ChecklistAnswer(String question, String value) {
        this.question = Objects.requireNonNull(question, "question");
        this.value = value;
    }

    public static ChecklistAnswer of(String question, String value) {
        return new ChecklistAnswer(question, value);
    }

    /** One answer per entry of a checklist's answers by question code. */
    public static List<ChecklistAnswer> ofAll(Map<String, String> answers) {
        return answers.entrySet().stream().map(answer -> of(answer.getKey(), answer.getValue())).toList();
    }

    public String getQuestion() {
        return question;
    }

    public String getValue() {
        return value;
    }

    /** True for "yes" in any case; rules write {@code yes} instead of comparing strings. */
    public boolean isYes() {
        return is("yes");
    }

    /** True for "no" in any case; not simply !yes, so an unanswered or garbled question counts as neither. */
    public boolean isNo() {
        return is("no");
    }

    /** The answer as an integer, or null when it is not one (rules then simply do not match). */
    public Integer getIntValue() {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }

    private boolean is(String expected) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals(expected);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChecklistAnswer that
                && question.equals(that.question)
                && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(question, value);
    }

    @Override
    public String toString() {
        return question + "=" + value;
    }
}
