package org.communityhub.api.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.communityhub.engine.support.FieldProblem;
import org.communityhub.engine.support.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal is an application/problem+json document. Field problems go in "errors" as
 * {field, reason} pairs, so a client can point at the input that was wrong.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  /** Anything unexpected is a 500 problem too: logged here, and nothing of it in the answer. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception failure) {
    log.error("Unexpected failure", failure);
    return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error; it has been logged"));
  }

  @ExceptionHandler(HubException.class)
  ResponseEntity<ProblemDetail> refused(HubException refusal) {
    HttpStatus status = switch (refusal.kind()) {
      case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
      case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
    ProblemDetail problem = problem(status, refusal.getMessage(), refusal.fieldProblems());
    refusal.properties().forEach(problem::setProperty);
    return ResponseEntity.status(status).body(problem);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException mismatch) {
    return badRequest("A parameter has the wrong type",
        List.of(new FieldProblem(mismatch.getName(), "not a valid " + typeName(mismatch.getRequiredType()))));
  }

  /**
   * A body announced as multipart/form-data that cannot be read as one (no boundary, cut short), on any
   * endpoint: the dispatcher parses it before it picks the handler. (Too large is a 413, answered above.)
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException unreadable) {
    return badRequest("The request body cannot be read",
        List.of(new FieldProblem("body", "is not valid multipart/form-data")));
  }

  /**
   * PostgreSQL cannot store a NUL character in text: a value holding one is refused by the database, whichever
   * field it came in, and the transaction is rolled back. Any other integrity violation is unexpected (500).
   */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ProblemDetail> unstorable(DataIntegrityViolationException violation) {
    if (violation.getMostSpecificCause() instanceof SQLException sql && UNSTORABLE_TEXT.equals(sql.getSQLState())) {
      return badRequest("A text value cannot be stored",
          List.of(new FieldProblem("text", "contains a NUL character")));
    }
    return unexpected(violation);
  }

  /** PostgreSQL's SQLSTATE for a character not in the database's encoding (the NUL character, here). */
  private static final String UNSTORABLE_TEXT = "22021";

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> problems = invalid.getBindingResult().getFieldErrors().stream()
        .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
        .sorted(java.util.Comparator.comparing(FieldProblem::field))
        .toList();
    return asObject(badRequest("The request has invalid fields", problems));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException invalid, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    // A @Valid body of a handler that also has constrained parameters is validated here too: its errors
    // name the body's fields, as they would without the parameters.
    List<FieldProblem> problems = invalid.getParameterValidationResults().stream()
        .flatMap(result -> result instanceof ParameterErrors body && body.hasFieldErrors()
            ? body.getFieldErrors().stream().map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
            : result.getResolvableErrors().stream().map(error -> new FieldProblem(
                inputName(result.getMethodParameter()), error.getDefaultMessage())))
        .toList();
    return asObject(badRequest("The request has invalid parameters", problems));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = "body";
    String reason = "is not valid JSON";
    if (unreadable.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = mapping.getPath().stream()
          .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
              : String.valueOf(reference.getIndex()))
          .reduce((left, right) -> left + "." + right)
          .orElse("body");
      reason = mapping instanceof UnrecognizedPropertyException
          ? "is not a known field" : "has a value of the wrong type or format";
    }
    return asObject(badRequest("The request body cannot be read", List.of(new FieldProblem(field, reason))));
  }

  @Override
  protected ResponseEntity<Object> handleServletRequestBindingException(
      org.springframework.web.bind.ServletRequestBindingException missing, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (missing instanceof MissingRequestHeaderException header) {
      return asObject(badRequest("A required header is missing",
          List.of(new FieldProblem(header.getHeaderName(), "required"))));
    }
    return super.handleServletRequestBindingException(missing, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException missing, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    return asObject(badRequest("A required parameter is missing",
        List.of(new FieldProblem(missing.getParameterName(), "required"))));
  }

  private static ResponseEntity<ProblemDetail> badRequest(String detail, List<FieldProblem> problems) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail, problems));
  }

  private static ProblemDetail problem(HttpStatus status, String detail, List<FieldProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (!problems.isEmpty()) {
      problem.setProperty("errors", problems.stream()
          .map(fieldProblem -> Map.of("field", fieldProblem.field(), "reason", fieldProblem.reason()))
          .toList());
    }
    return problem;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
    return (ResponseEntity) response;
  }

  /** The name the caller used: a header's or query parameter's own name, not the Java parameter's. */
  private static String inputName(MethodParameter parameter) {
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    if (header != null && !header.name().isEmpty()) {
      return header.name();
    }
    if (header != null && !header.value().isEmpty()) {
      return header.value();
    }
    return parameter.getParameterName();
  }

  private static String typeName(Class<?> type) {
    return type == null ? "value" : type.getSimpleName();
  }
}
