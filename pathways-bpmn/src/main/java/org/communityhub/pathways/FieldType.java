package org.communityhub.pathways;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The type of a field a CHW fills in when opening a pathway or recording a step. */
public enum FieldType {
  TEXT {
    @Override
    public String validate(String value) {
      return value == null ? "must be text" : null;
    }

    @Override
    public String validate(JsonNode value) {
      return value != null && value.isTextual() ? null : "must be text";
    }
  },
  INTEGER {
    @Override
    public String validate(String value) {
      if (value == null) return "must be a whole number";
      try {
        Long.parseLong(value.strip());
        return null;
      } catch (NumberFormatException e) {
        return "must be a whole number";
      }
    }

    @Override
    public String validate(JsonNode value) {
      if (value != null && value.isIntegralNumber() && value.canConvertToLong()) return null;
      return value != null && value.isTextual() ? validate(value.textValue()) : "must be a whole number";
    }
  },
  DATE {
    @Override
    public String validate(String value) {
      if (value == null) return "must be a date (yyyy-MM-dd)";
      try {
        LocalDate.parse(value.strip());
        return null;
      } catch (DateTimeParseException e) {
        return "must be a date (yyyy-MM-dd)";
      }
    }

    @Override
    public String validate(JsonNode value) {
      return value != null && value.isTextual() ? validate(value.textValue()) : "must be a date (yyyy-MM-dd)";
    }
  },
  BOOLEAN {
    @Override
    public String validate(String value) {
      return "true".equals(value) || "false".equals(value) ? null : "must be true or false";
    }

    @Override
    public String validate(JsonNode value) {
      if (value != null && value.isBoolean()) return null;
      return value != null && value.isTextual() ? validate(value.textValue()) : "must be true or false";
    }
  };

  /**
   * Checks a value given as text (an opening field, a form value).
   *
   * @return what is wrong with the value, or {@code null} when it is valid
   */
  public abstract String validate(String value);

  /**
   * Checks a value given as JSON (step data in a request body). A JSON string holding the text form is
   * accepted too (e.g. {@code "2500"} for an INTEGER).
   *
   * @return what is wrong with the value, or {@code null} when it is valid
   */
  public abstract String validate(JsonNode value);
}
