package io.bourse.edge.web;

import io.bourse.edge.api.ProblemHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The servlet container's own error answers — a request it refuses before the application sees it
 * (an encoded slash or a NUL byte in the path, a malformed request line), or an error nothing else
 * answered — as RFC 9457 problems like every other refusal, instead of Tomcat's HTML page.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(final Request request, final Response response, final Throwable throwable) {
        final int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        final HttpStatus known = HttpStatus.resolve(status);
        final HttpStatus answered = known == null ? HttpStatus.BAD_REQUEST : known;
        final ProblemDetail problem = status == 400
                ? ProblemHandler.problem(answered, "MALFORMED_REQUEST", "The request's path or line is not one this API accepts")
                : ProblemHandler.problem(answered, "HTTP_" + status, answered.getReasonPhrase());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", status);
        body.put("detail", problem.getDetail());
        body.putAll(problem.getProperties() == null ? Map.of() : problem.getProperties());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(JSON.writeValueAsBytes(body));
            response.finishResponse();
        } catch (final IOException | IllegalStateException ignored) {
            // The client went away or the response was already closed: nothing more to tell it.
        }
    }
}
