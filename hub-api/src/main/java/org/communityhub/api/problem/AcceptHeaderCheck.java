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
 * An {@code Accept} header that is not a list of media types is refused here, with a 400 problem document:
 * further on, Spring MVC cannot negotiate any answer for it and sends its refusal without a body. Runs in
 * the security chain, after the audit filter.
 */
public class AcceptHeaderCheck extends OncePerRequestFilter {

  private final ObjectMapper json;

  public AcceptHeaderCheck(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (String accept : java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
      try {
        MediaType.parseMediaTypes(accept);
      } catch (InvalidMediaTypeException unreadable) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
            "The Accept header cannot be read");
        problem.setProperty("errors", List.of(Map.of("field", HttpHeaders.ACCEPT,
            "reason", "is not a list of media types")));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
