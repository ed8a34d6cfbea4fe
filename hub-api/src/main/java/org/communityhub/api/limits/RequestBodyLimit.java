package org.communityhub.api.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than the limit with 413 before anything reads it: by its declared length, or, for a
 * body without one, by counting what is read (the JSON reader then fails and nothing is written). It runs in
 * the security chain, once the caller is known and counted (LimitsConfiguration keeps it out of the servlet
 * filters), so a 413 is audited and carries the rate-limit and CORS headers like any other answer.
 */
@Component
public class RequestBodyLimit extends OncePerRequestFilter {

  private final long maxBytes;
  private final ObjectMapper json;

  RequestBodyLimit(LimitSettings settings, ObjectMapper json) {
    this.maxBytes = settings.maxRequestBody().toBytes();
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getOutputStream().write(json.writeValueAsBytes(ProblemDetail.forStatusAndDetail(
          HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes")));
      return;
    }
    chain.doFilter(request.getContentLengthLong() < 0 ? new Bounded(request, maxBytes) : request, response);
  }

  /** A request whose body stream fails once more than the limit has been read. */
  private static final class Bounded extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream body = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int next = body.read();
            if (next >= 0 && ++read > maxBytes) {
              throw new IOException("request body larger than " + maxBytes + " bytes");
            }
            return next;
          }

          @Override
          public boolean isFinished() {
            return body.isFinished();
          }

          @Override
          public boolean isReady() {
            return body.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
