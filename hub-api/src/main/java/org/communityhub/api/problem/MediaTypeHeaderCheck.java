package org.communityhub.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Media type headers Spring MVC cannot work with are refused here, with a problem document naming the header:
 * an {@code Accept} that is not a list of media types (further on, every refusal would go out without a body),
 * and a {@code Content-Type} with a wildcard, such as {@code *}{@code /*} (Spring MVC fails on it with a 500).
 * Runs in the security chain, after the audit filter.
 */
public class MediaTypeHeaderCheck extends OncePerRequestFilter {

  private final ObjectMapper json;

  public MediaTypeHeaderCheck(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (String accept : java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
      try {
        MediaType.parseMediaTypes(accept);
      } catch (InvalidMediaTypeException | IndexOutOfBoundsException unreadable) {
        // (Spring's parser fails on some inputs, such as one starting with a quote, with an index error.)
        refuse(response, HttpStatus.BAD_REQUEST, "The Accept header cannot be read", HttpHeaders.ACCEPT,
            "is not a list of media types");
        return;
      }
    }
    String contentType = request.getContentType();
    if (contentType != null && wildcard(contentType)) {
      refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The Content-Type must name the body's media type",
          HttpHeaders.CONTENT_TYPE, "is a wildcard");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean wildcard(String contentType) {
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.isWildcardType() || type.isWildcardSubtype();
    } catch (InvalidMediaTypeException unreadable) {
      return false; // Spring MVC answers that one itself: 415
    }
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String detail, String field, String reason)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }
}
