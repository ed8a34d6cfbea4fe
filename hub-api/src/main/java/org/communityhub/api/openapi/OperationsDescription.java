package org.communityhub.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.communityhub.api.idempotency.IdempotencyFilter;
import org.communityhub.engine.agency.Role;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Describes each operation as the server treats it. Who may call it is asked of the security chain itself
 * (the same rules that refuse the request), not written down twice: a public operation has no security
 * requirement, the others the bearer scheme with the roles that may call them. The error answers follow
 * from the operation's shape: input (400), a path variable (404), a body (413, 422), a role restriction (403);
 * a handler declares the refusals only it knows of (409, with what they mean), and they become problem documents.
 */
final class OperationsDescription implements OpenApiCustomizer {

  /** Stands in for every path variable when asking the security chain: the rules match paths, not ids. */
  private static final String SAMPLE = "00000000-0000-0000-0000-000000000001";
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
  private static final Authentication NOBODY = new AnonymousAuthenticationToken("openapi", "anonymousUser",
      AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
  /** The longest textual UUID (RFC 9562); the server refuses a longer one while parsing it. */
  private static final int UUID_LENGTH = 36;

  private final ObjectProvider<WebInvocationPrivilegeEvaluator> access;
  private final ObjectProvider<RequestMappingHandlerMapping> handlers;
  private final boolean corsOrigins;
  private final long requestHeaderLimit;
  private final long requestBodyLimit;

  OperationsDescription(ObjectProvider<WebInvocationPrivilegeEvaluator> access,
      ObjectProvider<RequestMappingHandlerMapping> handlers, boolean corsOrigins, long requestHeaderLimit,
      long requestBodyLimit) {
    this.requestBodyLimit = requestBodyLimit;
    this.access = access;
    this.handlers = handlers;
    this.corsOrigins = corsOrigins;
    this.requestHeaderLimit = requestHeaderLimit;
  }

  @Override
  public void customise(OpenAPI api) {
    if (api.getPaths() != null) {
      api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
          describe(path, method, operation)));
    }
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      api.getComponents().getSchemas().values().forEach(schema -> formatLimits(schema, seen));
      Set<Class<?>> bodies = new HashSet<>();
      handlers.getObject().getHandlerMethods().values().forEach(method ->
          Arrays.stream(method.getMethodParameters())
              .filter(parameter -> parameter.hasParameterAnnotation(RequestBody.class))
              .forEach(parameter -> containerLimits(parameter.getParameterType(),
                  api.getComponents().getSchemas(), bodies)));
    }
  }

  private void describe(String path, PathItem.HttpMethod method, Operation operation) {
    Access who = access(path, method);
    operation.setSecurity(who.open() ? List.of()
        : List.of(new SecurityRequirement().addList(ApiDescription.BEARER, who.roles())));
    if (method == PathItem.HttpMethod.POST && !who.open()) {
      offerIdempotencyKey(operation);
    }

    ApiResponses answers = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
    answers.forEach((status, answer) -> {
      if (!status.startsWith("2") && answer.get$ref() == null) {
        ApiDescription.asProblem(answer); // a refusal a handler declares (e.g. its 409) is a problem document too
      }
      if (status.startsWith("2") && answer.get$ref() == null) {
        answer.setHeaders(ApiDescription.withStandardHeaders(
            answer.getHeaders() != null ? answer.getHeaders() : Map.<String, Header>of()));
        if (status.equals("201")) {
          answer.getHeaders().put("Location", ApiDescription.ref("Location"));
        }
        rawBytesOfTheirOwnType(answer);
      }
    });
    List<Parameter> parameters = operation.getParameters() != null ? operation.getParameters() : List.of();
    boolean body = operation.getRequestBody() != null;
    if (body || !parameters.isEmpty()) {
      refer(answers, "400", "BadRequest");
    }
    refer(answers, "401", "Unauthorized");
    boolean restricted = !who.open() && who.roles().size() < Role.values().length;
    if (restricted || corsOrigins) {
      refer(answers, "403", !corsOrigins ? "Forbidden" : restricted ? "ForbiddenOrOrigin" : "OriginNotAllowed");
    }
    if (PATH_VARIABLE.matcher(path).find()) {
      refer(answers, "404", "NotFound");
    }
    if (body) {
      refer(answers, "413", "PayloadTooLarge");
      if (!who.open()) {
        refer(answers, "422", "UnprocessableContent");
      }
    }
    refer(answers, "429", "TooManyRequests");
    refer(answers, "500", "ServerError");
    operation.setResponses(answers);

    parameters.forEach(this::parameterLimits);
    if (body && operation.getRequestBody().getContent() != null) {
      Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      operation.getRequestBody().getContent().values().stream().map(MediaType::getSchema)
          .forEach(schema -> formatLimits(schema, seen));
      var multipart = operation.getRequestBody().getContent()
          .get(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE);
      if (multipart != null) {
        filesBoundedByTheBody(multipart.getSchema());
      }
    }
  }

  /**
   * Every signed-in POST takes an Idempotency-Key (IdempotencyFilter); where the handler requires one it is
   * already declared, elsewhere it is optional.
   */
  private static void offerIdempotencyKey(Operation operation) {
    boolean declared = operation.getParameters() != null && operation.getParameters().stream()
        .anyMatch(parameter -> IdempotencyFilter.HEADER.equalsIgnoreCase(parameter.getName()));
    if (!declared) {
      operation.addParametersItem(new Parameter().in("header").name(IdempotencyFilter.HEADER).required(false)
          .description("Makes a retry safe: the same key and body get the first answer, and nothing is written"
              + " twice; the same key with another body is refused (422). Kept for 7 days.")
          .schema(new Schema<String>().type("string").maxLength(128).pattern(IdempotencyFilter.KEY_PATTERN)));
    }
  }

  /** An uploaded file is at most as long as the whole request body may be (413 beyond). */
  private void filesBoundedByTheBody(Schema<?> form) {
    if (form != null && form.getProperties() != null) {
      form.getProperties().values().stream()
          .filter(part -> is(part, "string") && "binary".equals(part.getFormat()) && part.getMaxLength() == null)
          .forEach(part -> part.setMaxLength((int) Math.min(Integer.MAX_VALUE, requestBodyLimit)));
    }
  }

  /**
   * A handler answering raw bytes (a BPMN file) sets their media type itself, so springdoc's default
   * (application/json) would be wrong: the description says any media type, without a schema.
   */
  private static void rawBytesOfTheirOwnType(ApiResponse answer) {
    if (answer.getContent() == null) {
      return;
    }
    MediaType json = answer.getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
    if (json != null && json.getSchema() != null && is(json.getSchema(), "string")
        && ("byte".equals(json.getSchema().getFormat()) || "binary".equals(json.getSchema().getFormat()))) {
      answer.getContent().remove(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
      answer.getContent().addMediaType(org.springframework.http.MediaType.ALL_VALUE, new MediaType());
    }
  }

  private record Access(boolean open, List<String> roles) {}

  /** Asks the security chain who may make this request: nobody in particular, or which roles. */
  private Access access(String path, PathItem.HttpMethod method) {
    WebInvocationPrivilegeEvaluator chain = access.getObject();
    String uri = PATH_VARIABLE.matcher(path).replaceAll(SAMPLE);
    if (chain.isAllowed("", uri, method.name(), NOBODY)) {
      return new Access(true, List.of());
    }
    List<String> roles = Arrays.stream(Role.values()).map(Role::name)
        .filter(role -> chain.isAllowed("", uri, method.name(), member(role)))
        .toList();
    return new Access(false, roles);
  }

  private static Authentication member(String role) {
    return UsernamePasswordAuthenticationToken.authenticated("openapi", null,
        AuthorityUtils.createAuthorityList("ROLE_" + role));
  }

  private static void refer(ApiResponses answers, String status, String answer) {
    if (!answers.containsKey(status)) {
      answers.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + answer));
    }
  }

  /**
   * A path, query or header parameter: UUIDs have their length; any other text without a declared limit is
   * bounded by what Tomcat accepts of a request line and headers (server.max-http-request-header-size, 400
   * beyond), and an integer by its type (400 for a number that does not fit).
   */
  private void parameterLimits(Parameter parameter) {
    Schema<?> schema = parameter.getSchema();
    if (schema == null) {
      return;
    }
    formatLimits(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
    if (is(schema, "string") && schema.getMaxLength() == null && schema.getEnum() == null
        && schema.getConst() == null) {
      schema.setMaxLength((int) Math.min(Integer.MAX_VALUE, requestHeaderLimit));
    }
    if (is(schema, "integer")) {
      boolean int64 = "int64".equals(schema.getFormat());
      if (schema.getMinimum() == null) {
        schema.setMinimum(BigDecimal.valueOf(int64 ? Long.MIN_VALUE : Integer.MIN_VALUE));
      }
      if (schema.getMaximum() == null) {
        schema.setMaximum(BigDecimal.valueOf(int64 ? Long.MAX_VALUE : Integer.MAX_VALUE));
      }
    }
  }

  /** Gives every UUID in the schema its length, which the server's parser enforces. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void formatLimits(Schema schema, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    if (is(schema, "string") && "uuid".equals(schema.getFormat()) && schema.getMaxLength() == null) {
      schema.setMaxLength(UUID_LENGTH);
    }
    if (schema.getProperties() != null) {
      ((Map<String, Schema>) schema.getProperties()).values().forEach(property -> formatLimits(property, seen));
    }
    formatLimits(schema.getItems(), seen);
    if (schema.getAdditionalProperties() instanceof Schema additional) {
      formatLimits(additional, seen);
    }
    for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
      if (composed != null) {
        composed.forEach(part -> formatLimits(part, seen));
      }
    }
  }

  /**
   * The Bean Validation limits springdoc leaves out of a request body's schema, which the server enforces all
   * the same: {@code @Size} on a map (its number of entries) and on a map's values or a list's elements, as
   * in {@code Map<String, @Size(max = 200) String>}. Records are followed into their record-typed parts.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void containerLimits(Class<?> type, Map<String, Schema> schemas, Set<Class<?>> seen) {
    if (!type.isRecord() || !seen.add(type)) {
      return;
    }
    Schema<?> schema = schemas.get(type.getSimpleName());
    for (RecordComponent component : type.getRecordComponents()) {
      Schema<?> property = schema == null || schema.getProperties() == null ? null
          : (Schema<?>) schema.getProperties().get(component.getName());
      Size whole = component.getAnnotatedType().getAnnotation(Size.class);
      if (property != null && whole != null && is(property, "object") && property.getMaxProperties() == null) {
        property.setMaxProperties(whole.max());
      }
      if (component.getAnnotatedType() instanceof AnnotatedParameterizedType generic) {
        AnnotatedType[] arguments = generic.getAnnotatedActualTypeArguments();
        AnnotatedType element = arguments[arguments.length - 1]; // a map's value, a list's element
        Size each = element.getAnnotation(Size.class);
        Schema<?> elementSchema = null;
        if (property != null) {
          elementSchema = !Map.class.isAssignableFrom(component.getType()) ? property.getItems()
              : property.getAdditionalProperties() instanceof Schema<?> values ? values : null;
        }
        if (each != null && elementSchema != null && is(elementSchema, "string")
            && elementSchema.getMaxLength() == null) {
          elementSchema.setMaxLength(each.max());
        }
        if (element.getType() instanceof Class<?> elementType) {
          containerLimits(elementType, schemas, seen);
        }
      }
      containerLimits(component.getType(), schemas, seen);
    }
  }

  private static boolean is(Schema<?> schema, String type) {
    return type.equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains(type));
  }
}
