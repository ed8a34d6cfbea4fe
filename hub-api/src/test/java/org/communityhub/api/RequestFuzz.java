package org.communityhub.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.communityhub.api.ApiOperations.Operation;
import org.communityhub.api.ApiOperations.Parameter;

/**
 * Requests for the operations of an OpenAPI description, as jqwik arbitraries: valid-looking ones built from
 * the schemas (with the HUB's own codes and the ids of real objects, so that they get past the first checks),
 * and hostile ones: mutated bodies, malformed JSON, odd headers, wrong path ids and query parameters.
 */
final class RequestFuzz {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A request as sent: who sends it, to where, with what. */
  record Request(Operation operation, String caller, String method, String path, Map<String, String> headers,
      byte[] body, String mutation) {

    @Override
    public String toString() {
      String shownBody = body == null ? "(none)" : abbreviate(new String(body, StandardCharsets.UTF_8), 1500);
      return method + " " + abbreviate(path, 500) + " as " + caller + " [" + mutation + "]\n  headers: "
          + abbreviate(headers.toString(), 600) + "\n  body: " + shownBody;
    }
  }

  /** The values path and query parameters may take, by parameter name: the caller's agency's, the other's. */
  record Ids(Map<String, List<String>> own, Map<String, List<String>> otherAgency) {}

  private final ApiOperations api;
  private final Ids ids;
  private final List<String> codes;
  private final List<String> uuids;

  /**
   * @param codes words the HUB knows (pathway, step, checklist, payer codes...), to reach deeper checks
   * @param uuids ids of real objects, for id fields of bodies
   */
  RequestFuzz(ApiOperations api, Ids ids, List<String> codes, List<String> uuids) {
    this.api = api;
    this.ids = ids;
    this.codes = List.copyOf(codes);
    this.uuids = List.copyOf(uuids);
  }

  // ---- valid-looking requests -------------------------------------------------------------------------

  /** A request as a careful client would make it, for that caller. */
  Arbitrary<Request> validLooking(Operation operation, String caller) {
    return Combinators.combine(ownPath(operation), query(operation, false), body(operation),
            Arbitraries.of(true, false))
        .as((path, query, body, withKey) -> {
          Map<String, String> headers = new LinkedHashMap<>();
          headers.put("Accept", "application/json");
          if (body != null) {
            headers.put("Content-Type", operation.bodyMediaType().startsWith("multipart/")
                ? "multipart/form-data; boundary=" + BOUNDARY : "application/json");
          }
          if (operation.method().equals("POST") && (withKey || requiresHeader(operation, "Idempotency-Key"))) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
          }
          return new Request(operation, caller, operation.method(), path + query, headers,
              body == null ? null : encode(operation, body), "valid-looking");
        });
  }

  private Arbitrary<String> ownPath(Operation operation) {
    List<Arbitrary<String>> segments = operation.in("path").stream()
        .map(parameter -> pick(ids.own(), parameter).orElse(validValue(parameter.schema(), parameter.name())))
        .toList();
    return pathWith(operation, segments);
  }

  private Arbitrary<String> pathWith(Operation operation, List<Arbitrary<String>> values) {
    List<Parameter> parameters = operation.in("path");
    if (parameters.isEmpty()) {
      return Arbitraries.just(operation.path());
    }
    return Combinators.combine(values).as(chosen -> {
      String path = operation.path();
      for (int i = 0; i < parameters.size(); i++) {
        path = path.replace("{" + parameters.get(i).name() + "}", urlEncode(chosen.get(i)));
      }
      return path;
    });
  }

  private Arbitrary<String> query(Operation operation, boolean hostile) {
    List<Parameter> parameters = operation.in("query");
    if (parameters.isEmpty()) {
      return Arbitraries.just("");
    }
    List<Arbitrary<String>> pairs = parameters.stream().map(parameter -> {
      Arbitrary<String> value = validValue(parameter.schema(), parameter.name());
      if (hostile) {
        value = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, value), net.jqwik.api.Tuple.of(3, hostileText()),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
      } else if (!parameter.required()) {
        value = value.injectNull(0.3);
      }
      return value.map(chosen -> chosen == null ? ""
          : urlEncode(parameter.name()) + "=" + urlEncode(chosen));
    }).toList();
    return Combinators.combine(pairs).as(chosen -> {
      String joined = String.join("&", chosen.stream().filter(pair -> !pair.isEmpty()).toList());
      return joined.isEmpty() ? "" : "?" + joined;
    });
  }

  private Arbitrary<JsonNode> body(Operation operation) {
    if (!operation.hasBody()) {
      return Arbitraries.just(null);
    }
    return validJson(operation.bodySchema(), "body", 0);
  }

  /** A value of the schema, as a careful client would send it. */
  Arbitrary<JsonNode> validJson(JsonNode schemaOrRef, String name, int depth) {
    JsonNode schema = api.resolve(schemaOrRef);
    String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
    switch (type) {
      case "object" -> {
        if (schema.has("properties")) {
          List<String> required = new ArrayList<>();
          schema.path("required").forEach(field -> required.add(field.asText()));
          List<Arbitrary<Map.Entry<String, JsonNode>>> fields = new ArrayList<>();
          for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
              properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            Arbitrary<JsonNode> value = validJson(property.getValue(), property.getKey(), depth + 1);
            if (!required.contains(property.getKey())) {
              value = value.injectNull(0.4); // absent
            }
            fields.add(value.map(chosen -> chosen == null ? null : Map.entry(property.getKey(), chosen)));
          }
          if (fields.isEmpty()) {
            return Arbitraries.just(NODES.objectNode());
          }
          return Combinators.combine(fields).as(chosen -> {
            ObjectNode object = NODES.objectNode();
            chosen.stream().filter(java.util.Objects::nonNull).forEach(field -> object.set(field.getKey(), field.getValue()));
            return object;
          });
        }
        JsonNode values = schema.path("additionalProperties");
        Arbitrary<JsonNode> value = values.isObject() && !values.isEmpty()
            ? validJson(values, name, depth + 1) : scalar();
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(codes), word());
        return Arbitraries.maps(keys, value).ofMaxSize(depth > 2 ? 1 : 4).map(map -> {
          ObjectNode object = NODES.objectNode();
          map.forEach(object::set);
          return object;
        });
      }
      case "array" -> {
        int min = schema.path("minItems").asInt(0);
        int max = Math.max(min, Math.min(schema.path("maxItems").asInt(3), depth > 2 ? min : 3));
        return validJson(schema.path("items"), name, depth + 1).list().ofMinSize(min).ofMaxSize(max).map(list -> {
          ArrayNode array = NODES.arrayNode();
          list.forEach(array::add);
          return array;
        });
      }
      case "integer", "number" -> {
        long min = schema.has("minimum") ? schema.path("minimum").asLong() : -5;
        long max = schema.has("maximum") ? schema.path("maximum").asLong() : 5_000;
        return Arbitraries.longs().between(min, Math.min(max, min + 1_000_000)).map(NODES::numberNode);
      }
      case "boolean" -> {
        return Arbitraries.of(true, false).map(NODES::booleanNode);
      }
      case "string" -> {
        return validValue(schema, name).map(NODES::textNode);
      }
      default -> {
        return scalar();
      }
    }
  }

  /** A string value of the schema (a parameter's or a field's). */
  Arbitrary<String> validValue(JsonNode schemaOrRef, String name) {
    JsonNode schema = api.resolve(schemaOrRef);
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.path("enum").forEach(value -> values.add(value.asText()));
      return Arbitraries.of(values);
    }
    String type = schema.path("type").asText("string");
    if (type.equals("integer") || type.equals("number")) {
      long min = schema.has("minimum") ? schema.path("minimum").asLong() : 1;
      long max = schema.has("maximum") ? schema.path("maximum").asLong() : 100;
      return Arbitraries.longs().between(min, Math.min(max, min + 1_000)).map(String::valueOf);
    }
    LocalDate today = RunningHub.today();
    switch (schema.path("format").asText("")) {
      case "date" -> {
        return Arbitraries.integers().between(-400, 30).map(days -> today.plusDays(days).toString());
      }
      case "date-time" -> {
        return Arbitraries.integers().between(-400, 30).map(days -> today.plusDays(days) + "T10:15:30Z");
      }
      case "uuid" -> {
        return Arbitraries.oneOf(Arbitraries.of(uuids), Arbitraries.create(() -> UUID.randomUUID().toString()));
      }
      case "binary" -> {
        return Arbitraries.strings().ofMaxLength(200);
      }
      default -> {
        // Codes the HUB knows get past the first check; plain words go to free-text fields.
        int maxLength = schema.path("maxLength").asInt(100);
        Arbitrary<String> words = Arbitraries.strings().alpha().numeric().withChars(" -.'").ofMinLength(1)
            .ofMaxLength(Math.max(1, Math.min(maxLength, 40)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of(codes)),
            net.jqwik.api.Tuple.of(2, words));
      }
    }
  }

  private static Arbitrary<JsonNode> scalar() {
    return Arbitraries.oneOf(word().map(NODES::textNode), Arbitraries.integers().between(0, 5000).map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode));
  }

  private static Arbitrary<String> word() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
  }

  // ---- hostile requests -------------------------------------------------------------------------------

  /** A valid-looking request whose body was mutated (or replaced by something that is not JSON at all). */
  Arbitrary<Request> mutatedBody(Operation operation, String caller) {
    return Combinators.combine(validLooking(operation, caller), body(operation), bodyMutations())
        .as((request, body, mutations) -> {
          JsonNode mutated = body.deepCopy();
          List<String> names = new ArrayList<>();
          byte[] bytes = null;
          for (BodyMutation mutation : mutations) {
            if (mutation instanceof TreeMutation tree) {
              mutated = tree.apply(mutated);
            }
            names.add(mutation.name());
          }
          bytes = encode(operation, mutated);
          for (BodyMutation mutation : mutations) {
            if (mutation instanceof TextMutation text) {
              bytes = text.apply(bytes);
            }
          }
          return new Request(operation, caller, request.method(), request.path(), request.headers(), bytes,
              String.join(", ", names));
        });
  }

  /** A valid-looking request with odd headers: keys, versions, content types, accepted types. */
  Arbitrary<Request> oddHeaders(Operation operation, String caller) {
    Arbitrary<String> idempotencyKey = Arbitraries.oneOf(Arbitraries.create(() -> UUID.randomUUID().toString()),
        Arbitraries.just("fuzz-reused-key"), headerText(),
        Arbitraries.strings().withCharRange('a', 'z').ofLength(129), Arbitraries.just(""));
    Arbitrary<String> ifMatch = Arbitraries.oneOf(Arbitraries.of("*", "\"0\"", "\"1\"", "W/\"1\"", "\"\"",
        "\"99999999999999999999\"", "\"-1\"", "1", "\"abc\"", "\"1\", \"2\""), headerText());
    Arbitrary<String> contentType = Arbitraries.oneOf(Arbitraries.of("application/json", "text/plain",
        "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
        "multipart/form-data; boundary=", "application/json; charset=ISO-8859-1", "application/json; charset=nope",
        "application/merge-patch+json", "*/*", "application/*", "text/csv", ";;;", "application/json;;"),
        headerText());
    Arbitrary<String> accept = Arbitraries.oneOf(Arbitraries.of("application/json", "application/problem+json",
        "text/csv", "application/xml", "text/html", "*/*", "image/png", "application/json;q=0",
        "text/csv, application/json;q=0.1", "application/*;q=abc"), headerText());
    return Combinators.combine(validLooking(operation, caller), idempotencyKey.injectNull(0.3),
            ifMatch.injectNull(0.5), contentType.injectNull(0.3), accept.injectNull(0.3))
        .as((request, key, version, type, accepted) -> {
          Map<String, String> headers = new LinkedHashMap<>(request.headers());
          putOrRemove(headers, "Idempotency-Key", key);
          putOrRemove(headers, "If-Match", version);
          putOrRemove(headers, "Content-Type", type);
          putOrRemove(headers, "Accept", accepted);
          return new Request(operation, caller, request.method(), request.path(), headers, request.body(),
              "odd headers");
        });
  }

  /** A valid-looking request to ids of the caller's agency, of another agency, unknown or malformed ones. */
  Arbitrary<Request> oddPathAndQuery(Operation operation, String caller) {
    List<Arbitrary<String>> segments = operation.in("path").stream().map(parameter -> Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, pick(ids.own(), parameter).orElse(validValue(parameter.schema(), parameter.name()))),
        net.jqwik.api.Tuple.of(2, pick(ids.otherAgency(), parameter).orElse(Arbitraries.create(() -> UUID.randomUUID().toString()))),
        net.jqwik.api.Tuple.of(1, Arbitraries.create(() -> UUID.randomUUID().toString())),
        net.jqwik.api.Tuple.of(3, malformedId()))).toList();
    return Combinators.combine(validLooking(operation, caller), pathWith(operation, segments), query(operation, true))
        .as((request, path, query) -> new Request(operation, caller, request.method(), path + query,
            request.headers(), request.body(), "odd path ids and query"));
  }

  private static Arbitrary<String> malformedId() {
    return Arbitraries.oneOf(Arbitraries.of("not-an-id", "0", "-1", "1.5", "null", "undefined", "true", " ",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "{" + UUID.randomUUID() + "}", UUID.randomUUID().toString().toUpperCase(),
            UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID() + "x", "9".repeat(40),
            "9223372036854775808", "..", "%", "a;b", "~", "1e3", "Ñandú", "😀", "\u0000", "\t", "x".repeat(3000)),
        hostileText().filter(text -> !text.isEmpty() && text.length() < 4000));
  }

  // ---- body mutations ----------------------------------------------------------------------------------

  sealed interface BodyMutation permits TreeMutation, TextMutation {
    String name();
  }

  /** A change to the JSON tree: a node (chosen by its index in document order) replaced, removed, added to. */
  record TreeMutation(String name, int target, JsonNode value, Kind kind) implements BodyMutation {

    enum Kind { REPLACE, REMOVE, ADD_FIELD, WRAP_ROOT }

    JsonNode apply(JsonNode root) {
      if (kind == Kind.WRAP_ROOT) {
        return value;
      }
      List<Slot> slots = new ArrayList<>();
      collect(root, null, null, -1, slots);
      Slot slot = slots.get(Math.floorMod(target, slots.size()));
      switch (kind) {
        case REPLACE -> {
          if (slot.parent() == null) {
            return value;
          }
          slot.set(value);
        }
        case REMOVE -> slot.remove();
        case ADD_FIELD -> {
          if (slot.node() instanceof ObjectNode object) {
            object.set("unexpected" + Math.floorMod(target, 7), value);
          } else if (slot.node() instanceof ArrayNode array) {
            array.add(value);
          } else if (slot.parent() != null) {
            slot.set(value);
          }
        }
        default -> throw new IllegalStateException(kind.name());
      }
      return root;
    }
  }

  /** A change to the bytes: cut short, garbage appended, not UTF-8, not JSON. */
  record TextMutation(String name, UnaryOperator<byte[]> change) implements BodyMutation {

    byte[] apply(byte[] body) {
      return change.apply(body);
    }
  }

  private record Slot(JsonNode parent, String field, int index, JsonNode node) {

    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else if (parent instanceof ArrayNode array) {
        array.set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(field);
      } else if (parent instanceof ArrayNode array) {
        array.remove(index);
      }
    }
  }

  private static void collect(JsonNode node, JsonNode parent, String field, int index, List<Slot> slots) {
    slots.add(new Slot(parent, field, index, node));
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> collect(node.get(name), node, name, -1, slots));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), node, null, i, slots);
      }
    }
  }

  /** One to three mutations, most of them on the tree, some on the bytes. */
  private static Arbitrary<List<BodyMutation>> bodyMutations() {
    Arbitrary<Integer> target = Arbitraries.integers().between(0, 1000);
    Arbitrary<BodyMutation> tree = Arbitraries.oneOf(
        Combinators.combine(target, hostileJson()).as((at, value) -> new TreeMutation("replaced by "
            + describe(value), at, value, TreeMutation.Kind.REPLACE)),
        target.map(at -> new TreeMutation("field removed", at, null, TreeMutation.Kind.REMOVE)),
        Combinators.combine(target, hostileJson()).as((at, value) -> new TreeMutation("extra field",
            at, value, TreeMutation.Kind.ADD_FIELD)),
        hostileJson().map(value -> new TreeMutation("body replaced by " + describe(value), 0, value,
            TreeMutation.Kind.WRAP_ROOT)));
    Arbitrary<BodyMutation> text = Arbitraries.oneOf(
        Arbitraries.doubles().between(0, 1).map(fraction -> new TextMutation("cut short", body ->
            java.util.Arrays.copyOf(body, (int) (body.length * fraction)))),
        Arbitraries.of("}", "]", ",", "{", "\"", "garbage", "\u0000", " {\"a\":1}", "/* comment */")
            .map(garbage -> new TextMutation("trailing " + garbage, body -> concat(body,
                garbage.getBytes(StandardCharsets.UTF_8)))),
        Arbitraries.just(new TextMutation("not UTF-8", body -> concat(new byte[] {'"', (byte) 0xC3, (byte) 0x28,
            (byte) 0xFF, (byte) 0xFE, '"'}, body))),
        Arbitraries.just(new TextMutation("byte order mark", body -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
            (byte) 0xBF}, body))),
        Arbitraries.just(new TextMutation("empty", body -> new byte[0])),
        Arbitraries.of("null", "[]", "\"text\"", "42", "true", "{}", "{{}", "<xml/>", "a=b&c=d", "NaN",
                "{\"a\": NaN}", "{'single': 'quotes'}", "{\"dup\": 1, \"dup\": 2}", "{\"a\": 01}", "{\"a\": .5}",
                "{\"a\": \"\\uD800\"}", "{\"a\": \"\\x41\"}")
            .map(raw -> new TextMutation("body " + raw, body -> raw.getBytes(StandardCharsets.UTF_8))));
    Arbitrary<BodyMutation> one = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, tree), net.jqwik.api.Tuple.of(1, text));
    return one.list().ofMinSize(1).ofMaxSize(3);
  }

  /** Values a field should not have: wrong types, huge, empty, odd characters, out of range, deep. */
  static Arbitrary<JsonNode> hostileJson() {
    return Arbitraries.oneOf(
        hostileText().map(NODES::textNode),
        Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
            NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Integer.MIN_VALUE),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("123456789012345678901234567890")), NODES.numberNode(1.5),
            NODES.numberNode(-0.0), NODES.numberNode(1e308), NODES.numberNode(new BigDecimal("1e400")),
            NODES.numberNode(new BigDecimal("-1e-400"))),
        Arbitraries.integers().between(1, 1500).map(depth -> nested(depth, true)),
        Arbitraries.integers().between(1, 1500).map(depth -> nested(depth, false)),
        Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(5).map(list -> {
          ArrayNode array = NODES.arrayNode();
          list.forEach(array::add);
          return array;
        }));
  }

  /** Strings a field should not hold: empty, blank, huge, control characters, other scripts, injections. */
  static Arbitrary<String> hostileText() {
    return Arbitraries.oneOf(
        Arbitraries.of("", " ", "\t\n", "null", "0", "-1", "1e999", "NaN", "true", "' OR '1'='1", "<script>",
            "../../etc/passwd", "${jndi:ldap://x}", "%s%n", "9999-99-99", "2026-02-30", "0000-01-01",
            "+999999999-12-31", "-999999999-01-01", "2026-13-01T25:61:00Z", "1970-01-01T00:00:00",
            "\u0000", "\u0007\u001b[31m", "\u202eevil", "\u200b", "Ñandú", "日本語", "😀", "\uFFFF", "\uD83D",
            "é".repeat(200), "x".repeat(257), "x".repeat(2_001), "x".repeat(20_000)),
        Arbitraries.strings().all().ofMaxLength(50),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(10),
        Arbitraries.integers().between(0, 66_000).map("y"::repeat));
  }

  /** Header values the HTTP client can send: printable ASCII and Latin-1, odd and long. */
  private static Arbitrary<String> headerText() {
    return Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
        Arbitraries.strings().withCharRange('\u00a0', '\u00ff').ofMinLength(1).ofMaxLength(20),
        Arbitraries.integers().between(100, 6_000).map("k"::repeat));
  }

  private static JsonNode nested(int depth, boolean arrays) {
    JsonNode node = NODES.textNode("deep");
    for (int i = 0; i < depth; i++) {
      node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
    }
    return node;
  }

  private static String describe(JsonNode value) {
    if (value.isContainerNode() && value.size() == 1 && value.elements().next().isContainerNode()) {
      return "nested " + value.getNodeType(); // deeper than toString() writes
    }
    String text = value.toString();
    return text.length() > 60 ? value.getNodeType() + " of " + text.length() + " characters" : text;
  }

  // ---- encoding ----------------------------------------------------------------------------------------

  static final String BOUNDARY = "fuzz-boundary-7d1f";

  /** Writes what the server must refuse to read, such as nesting deeper than its reader allows. */
  private static final ObjectMapper WRITER = new ObjectMapper(JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build());

  /** JSON, or for a multipart operation one part per field of the object. */
  private static byte[] encode(Operation operation, JsonNode body) {
    if (!operation.bodyMediaType().startsWith("multipart/")) {
      try {
        return WRITER.writeValueAsBytes(body);
      } catch (JsonProcessingException unpairedSurrogate) {
        try {
          return WRITER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    StringBuilder multipart = new StringBuilder();
    if (body.isObject()) {
      body.fields().forEachRemaining(field -> multipart.append("--").append(BOUNDARY)
          .append("\r\nContent-Disposition: form-data; name=\"").append(field.getKey()).append("\"; filename=\"")
          .append(field.getKey()).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .append(field.getValue().isTextual() ? field.getValue().asText() : json(field.getValue()))
          .append("\r\n"));
    } else {
      multipart.append(json(body));
    }
    multipart.append("--").append(BOUNDARY).append("--\r\n");
    return multipart.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String json(JsonNode value) {
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return value.getNodeType().toString();
    }
  }

  private static java.util.Optional<Arbitrary<String>> pick(Map<String, List<String>> pool, Parameter parameter) {
    List<String> values = pool.get(parameter.name());
    return values == null || values.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(Arbitraries.of(values));
  }

  private static boolean requiresHeader(Operation operation, String name) {
    return operation.in("header").stream().anyMatch(parameter -> parameter.name().equals(name) && parameter.required());
  }

  private static void putOrRemove(Map<String, String> headers, String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  static String abbreviate(String text, int max) {
    String printable = text.codePoints().mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c)
        : Character.toString(c)).collect(java.util.stream.Collectors.joining());
    return printable.length() <= max ? printable : printable.substring(0, max) + "…(" + text.length() + " chars)";
  }
}
