package org.communityhub.rules.payment;

import java.util.Map;
import java.util.Objects;

/**
 * A step recorded on a pathway, as payment rules see it. JavaBean-style (getters) because DRL constraints read
 * it by property name ({@code stepCode == "DELIVERY", outcomeStep}).
 */
public final class PathwayEvent {

    private final String pathwayCode;
    private final String stepCode;
    private final boolean outcomeStep;
    private final Map<String, String> stepData;

    /** @param outcomeStep whether the pathway definition says this step confirms the pathway's outcome */
    public PathwayEvent(String pathwayCode, String stepCode, boolean outcomeStep, Map<String, String> stepData) {
        this.pathwayCode = Objects.requireNonNull(pathwayCode, "pathwayCode");
        this.stepCode = Objects.requireNonNull(stepCode, "stepCode");
        this.outcomeStep = outcomeStep;
        this.stepData = Map.copyOf(stepData == null ? Map.of() : stepData);
    }

    public String getPathwayCode() {
        return pathwayCode;
    }

    public String getStepCode() {
        return stepCode;
    }

    public boolean isOutcomeStep() {
        return outcomeStep;
    }

    public Map<String, String> getStepData() {
        return stepData;
    }

    /** The step datum as text, or null when absent. */
    public String data(String key) {
        return stepData.get(key);
    }

    /** The step datum as an integer, or null when absent or not an integer (rules then simply do not match). */
    public Integer intData(String key) {
        String value = stepData.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathwayEvent that
                && outcomeStep == that.outcomeStep
                && pathwayCode.equals(that.pathwayCode)
                && stepCode.equals(that.stepCode)
                && stepData.equals(that.stepData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pathwayCode, stepCode, outcomeStep, stepData);
    }

    @Override
    public String toString() {
        return "PathwayEvent[" + pathwayCode + "/" + stepCode + (outcomeStep ? " (outcome)" : "") + " " + stepData + "]";
    }
}
