package org.communityhub.api.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Requests the web server refuses before the application sees them (a NUL or an encoded slash in the path,
 * a request line it cannot parse) are answered with a problem document too, instead of Tomcat's HTML page.
 * Tomcat renders those through the error report valve of its host: this replaces the one Spring Boot adds
 * (so it runs after Spring Boot's own customizer) and the one the host would add when it starts.
 */
@Component
class ServerRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      Pipeline host = context.getParent().getPipeline();
      for (Valve valve : host.getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.removeValve(valve);
        }
      }
      host.addValve(new ProblemReportValve());
      // Else the host, when it starts, adds Tomcat's own report valve beside this one (and that one reports).
      if (context.getParent() instanceof StandardHost standardHost) {
        standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
      }
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Writes a problem document with the status and nothing of the request (nor of any exception). */
  public static final class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    public ProblemReportValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      String detail = status < 500 ? "The web server cannot read this request" : "An unexpected error";
      String problem = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
          + ",\"detail\":\"" + detail + "\"}";
      try {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(problem.getBytes(StandardCharsets.UTF_8));
        response.finishResponse();
      } catch (IOException | IllegalStateException e) {
        log.debug("Could not write the problem document of a refused request", e);
      }
    }
  }
}
