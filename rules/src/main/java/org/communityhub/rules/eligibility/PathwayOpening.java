package org.communityhub.rules.eligibility;

import java.util.Map;
import java.util.Objects;

/**
 * The request to open a pathway, as eligibility rules see it: the pathway code and the fields entered when
 * opening it. Public and JavaBean-style because rule classes, loaded apart from this module, read it.
 */
public final class PathwayOpening {

    private final String pathwayCode;
    private final Map<String, String> fields;

    public PathwayOpening(String pathwayCode, Map<String, String> fields) {
        this.pathwayCode = Objects.requireNonNull(pathwayCode, "pathwayCode");
        this.fields = Map.copyOf(fields == null ? Map.of() : fields);
    }

    public String getPathwayCode() {
        return pathwayCode;
    }

    public Map<String, String> getFields() {
        return fields;
    }

    /** The field's value, or null when it was not entered. */
    public String field(String name) {
        return fields.get(name);
    }

    /** True when the field was entered with something other than blanks. */
    public boolean has(String name) {
        String value = fields.get(name);
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "PathwayOpening[" + pathwayCode + ", " + fields + "]";
    }
}
