package org.communityhub.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.communityhub.api.idempotency.IdempotentRequests.Answer;
import org.communityhub.api.idempotency.IdempotentRequests.Key;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.support.HubClock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes every POST that carries an {@code Idempotency-Key} happen at most once per caller and endpoint. The
 * key is taken, the request handled and its answer stored in one transaction, so the stored answer and the
 * request's effect commit together (a crash leaves neither) and a concurrent retry waits for the first and
 * then gets its answer. A retry with the same body gets the first answer ({@code Idempotent-Replayed: true});
 * with another body, 422. Only successful answers are kept: a refusal wrote nothing and may be retried.
 * Runs in the security chain, after the caller is known and before the handler, so the key is checked before
 * {@code If-Match}.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  /** What a key may look like: a UUID, a ULID, or any other token of up to 128 printable characters. */
  public static final String KEY_PATTERN = "^[A-Za-z0-9._:-]{1,128}$";
  static final Pattern KEY = Pattern.compile(KEY_PATTERN);

  private final IdempotentRequests requests;
  private final TransactionTemplate transactions;
  private final CurrentActor actor;
  private final HubClock clock;
  private final ObjectMapper json;

  IdempotencyFilter(IdempotentRequests requests, TransactionTemplate transactions, CurrentActor actor,
      HubClock clock, ObjectMapper json) {
    this.requests = requests;
    this.transactions = transactions;
    this.actor = actor;
    this.clock = clock;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Actor caller = actor.find().orElse(null);
    if (caller == null) {
      chain.doFilter(request, response); // public (sign-in) or about to be refused: nothing to make idempotent
      return;
    }
    String idempotencyKey = request.getHeader(HEADER);
    if (!KEY.matcher(idempotencyKey).matches()) {
      refuse(response, HttpStatus.BAD_REQUEST, "The Idempotency-Key must be 1 to 128 letters, digits or . _ : -",
          List.of(Map.of("field", HEADER, "reason", "must match " + KEY.pattern())));
      return;
    }
    Key key = new Key(caller.userId(), request.getMethod(), request.getRequestURI(), idempotencyKey);
    Readable readable;
    try {
      readable = readable(request);
    } catch (UnreadableMultipart e) {
      refuse(response, HttpStatus.BAD_REQUEST, "The request body cannot be read as multipart/form-data",
          List.of(Map.of("field", "body", "reason", "not a multipart body with its boundary")));
      return;
    }
    String requestHash = fingerprint(readable);
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    Answer earlier = transactions.execute(tx -> {
      if (!requests.claim(key, requestHash, clock.now())) {
        return requests.answer(key).orElseThrow();
      }
      try {
        chain.doFilter(readable.request(), answer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ServletException e) {
        throw new IllegalStateException(e);
      }
      if (answer.getStatus() >= 200 && answer.getStatus() < 300) {
        requests.record(key, new Answer(requestHash, answer.getStatus(), answer.getContentType(),
            answer.getHeader(HttpHeaders.LOCATION), answer.getHeader(HttpHeaders.ETAG),
            answer.getContentAsByteArray()));
      } else {
        tx.setRollbackOnly(); // a refusal wrote nothing, and the key stays free for a corrected request
      }
      return null;
    });
    if (earlier == null) {
      answer.copyBodyToResponse();
    } else if (!earlier.requestHash().equals(requestHash)) {
      refuse(response, HttpStatus.UNPROCESSABLE_ENTITY,
          "This Idempotency-Key was already used with a different request; use a new key for a new request",
          List.of(Map.of("field", HEADER, "reason", "already used with a different request")));
    } else {
      replay(earlier, response);
    }
  }

  private static void replay(Answer earlier, HttpServletResponse response) throws IOException {
    response.setStatus(earlier.status());
    if (earlier.contentType() != null) {
      response.setContentType(earlier.contentType());
    }
    if (earlier.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, earlier.location());
    }
    if (earlier.etag() != null) {
      response.setHeader(HttpHeaders.ETAG, earlier.etag());
    }
    response.setHeader(REPLAYED, "true");
    response.getOutputStream().write(earlier.body());
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String detail,
      List<Map<String, String>> errors) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("errors", errors);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }

  private static final class UnreadableMultipart extends RuntimeException {
    UnreadableMultipart(Exception cause) {
      super(cause);
    }
  }

  /** The request, with a body that can be read again after it was read for its fingerprint. */
  private record Readable(HttpServletRequest request, byte[] body, List<Part> parts) {}

  private static Readable readable(HttpServletRequest request) throws IOException, ServletException {
    String type = request.getContentType();
    if (type != null && type.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
      // The container parses and keeps the parts; the handler reads them from it, not from the stream.
      try {
        return new Readable(request, new byte[0], List.copyOf(request.getParts()));
      } catch (IOException | ServletException | IllegalStateException e) {
        throw new UnreadableMultipart(e); // e.g. no boundary: a client's mistake, the container cannot parse it
      }
    }
    byte[] body = request.getInputStream().readAllBytes();
    return new Readable(new ReplayableBody(request, body), body, List.of());
  }

  /** SHA-256 over the query and the body (or each part's name and bytes): the same request, the same hash. */
  private static String fingerprint(Readable readable) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String query = readable.request().getQueryString();
      sha.update((query == null ? "" : query).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(readable.body());
      for (Part part : readable.parts().stream().sorted(Comparator.comparing(Part::getName)).toList()) {
        sha.update(part.getName().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        try (var in = part.getInputStream()) {
          sha.update(in.readAllBytes());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class ReplayableBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReplayableBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body was read already: only synchronous reads of the copy");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
