package org.communityhub.pathways;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A field a CHW fills in when opening a pathway or recording a step.
 *
 * @param processVariable for a step's data field: whether its value travels to the pathway's process with
 *     the step message (only what a process needs, e.g. the date a timer counts from; client data otherwise
 *     stays in PostgreSQL)
 * @param source for an opening field: where asking for it comes from; a step's data fields share the step's
 */
public record FieldDescriptor(String name, FieldType type, boolean required, boolean processVariable,
    Source source) {

  public FieldDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** A field that stays in the HUB, without a source of its own. */
  public FieldDescriptor(String name, FieldType type, boolean required) {
    this(name, type, required, false, null);
  }

  /** Checks one text value: missing (null or blank) is an error only for a required field. */
  public String validate(String value) {
    if (value == null || value.isBlank()) return required ? "is required" : null;
    return type.validate(value);
  }

  /** Checks one JSON value: missing (absent, null or blank text) is an error only for a required field. */
  public String validate(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()
        || (value.isTextual() && value.textValue().isBlank())) {
      return required ? "is required" : null;
    }
    return type.validate(value);
  }

  /**
   * Checks text values against fields: each missing required field, each invalid value and each value
   * naming no field is reported.
   *
   * @return the errors by field name, in field order; empty when the values are valid
   */
  public static Map<String, String> validate(List<FieldDescriptor> fields, Map<String, String> values) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldDescriptor field : fields) {
      String error = field.validate(values.get(field.name()));
      if (error != null) errors.put(field.name(), error);
    }
    values.keySet().stream()
        .filter(name -> fields.stream().noneMatch(f -> f.name().equals(name)))
        .forEach(name -> errors.put(name, "is not a field here"));
    return errors;
  }

  /**
   * Checks a JSON object's members against fields, like {@link #validate(List, Map)}; a value that is not
   * a JSON object is checked as an empty one.
   */
  public static Map<String, String> validate(List<FieldDescriptor> fields, JsonNode object) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldDescriptor field : fields) {
      String error = field.validate(object == null ? null : object.get(field.name()));
      if (error != null) errors.put(field.name(), error);
    }
    if (object != null && object.isObject()) {
      object.fieldNames().forEachRemaining(name -> {
        if (fields.stream().noneMatch(f -> f.name().equals(name))) errors.put(name, "is not a field here");
      });
    }
    return errors;
  }
}
