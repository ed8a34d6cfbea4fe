package org.communityhub.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.communityhub.HubApplication;
import org.communityhub.api.limits.LimitSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The parts of the description that are the same for every operation: the API, its server, its bearer token
 * scheme, the problem document, and the error answers and headers that operations refer to.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

  static final String BEARER = "bearerAuth";
  static final String PROBLEM_JSON = "application/problem+json";

  /** Headers every counted answer carries; each answer refers to them. */
  static final List<String> ANSWER_HEADERS = List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
      "Access-Control-Allow-Origin");

  @Bean
  OpenAPI hubOpenApi(OpenApiSettings settings, LimitSettings limits, Environment environment) {
    return new OpenAPI()
        .info(new Info()
            .title("Community HUB pathway engine")
            .version(version())
            .description(description(limits)))
        .servers(List.of(new Server()
            .url(settings.serverUrl().toString())
            .description(settings.serverDescription())
            // The HUB's member agencies and payers call it from their own networks: not internal.
            .extensions(Map.of("x-internal", false))))
        .components(new Components()
            .securitySchemes(Map.of(BEARER, bearerScheme(environment)))
            .schemas(new LinkedHashMap<>(Map.of("Problem", problem(), "FieldProblem", fieldProblem())))
            .headers(headers(limits))
            .responses(errorAnswers(limits)));
  }

  @Bean
  OperationsDescription operationsDescription(ObjectProvider<WebInvocationPrivilegeEvaluator> access,
      @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers,
      ServerProperties server, LimitSettings limits, Environment environment) {
    boolean corsOrigins = Binder.get(environment).bind("hub.api.cors-allowed-origins", String[].class)
        .map(origins -> Arrays.stream(origins).anyMatch(origin -> !origin.isBlank())).orElse(false);
    return new OperationsDescription(access, handlers, corsOrigins, server.getMaxHttpRequestHeaderSize().toBytes(),
        limits.maxRequestBody().toBytes());
  }

  private static String version() {
    String version = HubApplication.class.getPackage().getImplementationVersion();
    return version != null ? version : "development build";
  }

  private static String description(LimitSettings limits) {
    return """
        The HTTP API of a Pathways Community HUB: a central client registry, checklists scored by rules, one \
        pathway per risk factor with its steps, and payment on confirmed outcomes.

        Every operation but signing in needs a bearer token (`POST /auth/token`). Each operation lists the \
        roles that may call it; a caller of another role is refused with 403, and a client or pathway of \
        another agency answers 404, exactly as one that does not exist. Every request is in the audit log.

        Every refusal is an `application/problem+json` document; `errors` names the fields at fault. \
        Request bodies are at most %d bytes (413 beyond). Each member has a budget of %d reads (refilled at \
        %d a minute) and %d writes (refilled at %d a minute); calls without a valid token share %d per \
        address (refilled at %d a minute). Over budget the answer is 429 with Retry-After; every counted \
        answer tells the budget in RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset."""
        .formatted(limits.maxRequestBody().toBytes(), limits.readBurst(), limits.readsPerMinute(),
            limits.writeBurst(), limits.writesPerMinute(), limits.anonymousBurst(), limits.anonymousPerMinute());
  }

  /** What the HUB checks on a token, in whichever of its two modes it runs (hub.auth.mode). */
  private static SecurityScheme bearerScheme(Environment environment) {
    Binder settings = Binder.get(environment);
    String mode = settings.bind("hub.auth.mode", String.class).orElse("local");
    String description;
    if ("oidc".equalsIgnoreCase(mode)) {
      description = """
          A JWT (JWS) from the HUB's identity provider, %s, for the audience %s. Checked as RFC8725 (JSON Web \
          Token Best Current Practices) advises: only the signature algorithms of the issuer's public keys are \
          accepted (RS256 unless its keys say otherwise; never `none`), and the signature, issuer, audience and \
          expiry are checked on every request. The role and the agency come from the token's claims; the \
          agency must exist and be of the role's kind."""
          .formatted(settings.bind("hub.auth.oidc.issuer", String.class).orElse("(hub.auth.oidc.issuer)"),
              settings.bind("hub.auth.oidc.audience", String.class).orElse("(hub.auth.oidc.audience)"));
    } else {
      Duration ttl = settings.bind("hub.auth.token-ttl", Duration.class).orElse(Duration.ofMinutes(15));
      description = """
          A JWT (JWS, HS256) from POST /auth/token, signed by this HUB and valid for %d minutes. Checked as \
          RFC8725 (JSON Web Token Best Current Practices) advises: only HS256 is accepted (never `none` or \
          another algorithm), the key has at least 256 bits, and the signature, issuer and expiry are checked \
          on every request. The token must name an active member and carry their current token version: \
          deactivating a member ends every token they hold."""
          .formatted(ttl.toMinutes());
    }
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description(description + " The roles an operation lists are the roles whose members may call it.");
  }

  private static Schema<?> problem() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("type", string("A URI naming the kind of problem; about:blank when the status says it all.")
        .format("uri-reference"));
    properties.put("title", string("The status's reason phrase."));
    properties.put("status", integer("The HTTP status of the answer.", 100, 599));
    properties.put("detail", string("What was wrong, for a person to read."));
    properties.put("instance", string("The path of the request.").format("uri-reference"));
    properties.put("errors", new JsonSchema().types(Set.of("array"))
        .description("The fields or parameters at fault, each with the reason.")
        .items(new JsonSchema().$ref("#/components/schemas/FieldProblem")));
    return new JsonSchema().types(Set.of("object"))
        .description("""
            A problem document (RFC 9457). A refusal may add members of its own, e.g. the candidates of a \
            probable duplicate client or the open pathway that blocks another.""")
        .properties(properties)
        .required(List.of("status", "detail"));
  }

  private static Schema<?> fieldProblem() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("field", string("The field (a dotted path into the body), parameter or header at fault."));
    properties.put("reason", string("Why it was refused."));
    return new JsonSchema().types(Set.of("object")).properties(properties).required(List.of("field", "reason"));
  }

  private static Map<String, Header> headers(LimitSettings limits) {
    Map<String, Header> headers = new LinkedHashMap<>();
    headers.put("RateLimit-Limit", header("""
        The size of the budget this request was counted against: the caller's reads (%d), writes (%d) or, \
        without a valid token, their address's (%d). Sent on every answer but a refusal of a browser origin \
        that is not allowed (403)."""
        .formatted(limits.readBurst(), limits.writeBurst(), limits.anonymousBurst()), integer(null, 1, null)));
    headers.put("RateLimit-Remaining", header("What is left of that budget after this request.",
        integer(null, 0, null)));
    headers.put("RateLimit-Reset", header("Seconds until that budget is full again.", integer(null, 0, null)));
    headers.put("Retry-After", header("Seconds until the budget allows one more request.", integer(null, 1, null)));
    headers.put("Access-Control-Allow-Origin", header("""
        The request's Origin, when it is one of the browser origins the HUB allows (hub.api.cors-allowed-origins, \
        none by default); absent otherwise.""", string(null).format("uri")));
    headers.put("WWW-Authenticate", header("`Bearer`: the token scheme to use.", string(null)));
    headers.put("Location", header("The path of what the request created.", string(null).format("uri-reference")));
    return headers;
  }

  /** The error answers operations refer to, each a problem document with the headers of a counted answer. */
  private static Map<String, ApiResponse> errorAnswers(LimitSettings limits) {
    Map<String, ApiResponse> answers = new LinkedHashMap<>();
    answers.put("BadRequest", problemAnswer("""
        The request cannot be read or has invalid fields or parameters: not JSON, an unknown field, a missing \
        or too long value, a value of the wrong type."""));
    answers.put("Unauthorized", problemAnswer("""
        No valid bearer token (missing, expired, not signed by the issuer the HUB trusts, or of a member who \
        is no longer active); when signing in, a wrong username or password.""")
        .headers(withStandardHeaders(Map.of("WWW-Authenticate", ref("WWW-Authenticate")))));
    answers.put("Forbidden", problemAnswer("The caller's role may not call this operation."));
    answers.put("ForbiddenOrOrigin", problemAnswer("""
        The caller's role may not call this operation, or the request comes from a browser origin the HUB does \
        not allow."""));
    answers.put("OriginNotAllowed", problemAnswer("The request comes from a browser origin the HUB does not allow."));
    answers.put("NotFound", problemAnswer("""
        No such object, or one the caller may not see: another agency's client or pathway answers exactly as \
        one that does not exist."""));
    answers.put("PayloadTooLarge", problemAnswer("The request body is larger than %d bytes."
        .formatted(limits.maxRequestBody().toBytes())));
    answers.put("UnprocessableContent", problemAnswer("""
        The request is well-formed but the HUB refuses its content, e.g. an unknown code, a step that is not \
        in the pathway, a client who is not eligible. `errors` names the fields."""));
    answers.put("TooManyRequests", problemAnswer("The caller's budget for this kind of request is spent.")
        .headers(withStandardHeaders(Map.of("Retry-After", ref("Retry-After")))));
    answers.put("ServerError", problemAnswer("An unexpected failure; it is logged, and nothing of it is shown."));
    return answers;
  }

  private static ApiResponse problemAnswer(String description) {
    return asProblem(new ApiResponse().description(description));
  }

  /** An error answer: a problem document, with the headers every counted answer carries. */
  static ApiResponse asProblem(ApiResponse answer) {
    return answer
        .headers(withStandardHeaders(answer.getHeaders() != null ? answer.getHeaders() : Map.of()))
        .content(new Content().addMediaType(PROBLEM_JSON,
            new MediaType().schema(new JsonSchema().$ref("#/components/schemas/Problem"))));
  }

  static Map<String, Header> withStandardHeaders(Map<String, Header> more) {
    Map<String, Header> headers = new LinkedHashMap<>();
    ANSWER_HEADERS.forEach(name -> headers.put(name, ref(name)));
    headers.putAll(more);
    return headers;
  }

  static Header ref(String header) {
    return new Header().$ref("#/components/headers/" + header);
  }

  private static Header header(String description, Schema<?> schema) {
    return new Header().description(description).schema(schema);
  }

  private static Schema<?> string(String description) {
    return new JsonSchema().types(Set.of("string")).description(description);
  }

  private static Schema<?> integer(String description, Integer minimum, Integer maximum) {
    Schema<?> schema = new JsonSchema().types(Set.of("integer")).format("int32").description(description);
    if (minimum != null) {
      schema.minimum(BigDecimal.valueOf(minimum));
    }
    if (maximum != null) {
      schema.maximum(BigDecimal.valueOf(maximum));
    }
    return schema;
  }
}
