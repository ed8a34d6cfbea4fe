package org.communityhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations an OpenAPI description lists, with their parameters, request body schema and the roles
 * their security requirement names: read from the served description, so a new endpoint is covered by
 * whatever walks this list without being named anywhere.
 */
record ApiOperations(List<Operation> all, JsonNode components) {

  record Parameter(String name, String in, JsonNode schema, boolean required) {}

  record Operation(String method, String path, List<Parameter> parameters, String bodyMediaType,
      JsonNode bodySchema, Set<String> roles) {

    String key() {
      return method + " " + path;
    }

    boolean hasBody() {
      return bodyMediaType != null;
    }

    List<Parameter> in(String location) {
      return parameters.stream().filter(parameter -> parameter.in().equals(location)).toList();
    }

    @Override
    public String toString() {
      return key();
    }
  }

  static ApiOperations from(JsonNode description) {
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        JsonNode operation = method.getValue();
        List<Parameter> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> parameters.add(new Parameter(
            parameter.path("name").asText(), parameter.path("in").asText(), parameter.path("schema"),
            parameter.path("required").asBoolean(false))));
        String mediaType = null;
        JsonNode bodySchema = NullNode.getInstance();
        Iterator<Map.Entry<String, JsonNode>> contents = operation.path("requestBody").path("content").fields();
        if (contents.hasNext()) {
          Map.Entry<String, JsonNode> content = contents.next();
          mediaType = content.getKey();
          bodySchema = content.getValue().path("schema");
        }
        Set<String> roles = new LinkedHashSet<>();
        operation.path("security").forEach(requirement -> requirement.elements()
            .forEachRemaining(scopes -> scopes.forEach(role -> roles.add(role.asText()))));
        operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), List.copyOf(parameters),
            mediaType, bodySchema, Set.copyOf(roles)));
      }
    }
    return new ApiOperations(List.copyOf(operations), description.path("components"));
  }

  /** The schema itself, or the component schema its {@code $ref} names. */
  JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
      String ref = current.path("$ref").asText();
      current = components.path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return current;
  }
}
