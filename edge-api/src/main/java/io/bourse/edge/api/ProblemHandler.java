package io.bourse.edge.api;

import java.net.URI;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as RFC 9457 problem details with a stable {@code code} property, so clients branch on
 * the code, not on the wording: {@code type} is {@code https://bourse.io/problems/<code>}.
 */
@RestControllerAdvice
public class ProblemHandler {

    /** Retry-After for reads that hit a rebalance. */
    static final String RETRY_AFTER_SECONDS = "1";

    public static ProblemDetail problem(final HttpStatus status, final String code, final String detail) {
        final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://bourse.io/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(final ApiException e) {
        final ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e instanceof io.bourse.edge.security.LoginThrottle.Throttled throttled) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
        } else if (e.status() == HttpStatus.SERVICE_UNAVAILABLE || e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.body(problem(e.status(), e.code(), e.getMessage()));
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> rebalancing(final InvalidStateStoreException e) {
        return api(ApiException.unavailable("State is moving between nodes or being restored; retry shortly"));
    }

    /**
     * A command Kafka did not take (the cluster unreachable for the producer's whole delivery timeout):
     * the request may or may not have been written, so the client retries with the same key.
     */
    @ExceptionHandler(KafkaException.class)
    ResponseEntity<ProblemDetail> notWritten(final KafkaException e) {
        return api(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "EXCHANGE_UNAVAILABLE", "The exchange could not confirm it "
                + "received the request (" + firstLine(e.getMessage()) + "); retry with the same Idempotency-Key or client order id"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(final MethodArgumentNotValidException e) {
        final String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(final HandlerMethodValidationException e) {
        final String detail = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> {
                    final String field = err instanceof org.springframework.validation.FieldError f ? f.getField()
                            : r.getMethodParameter().getParameterName();
                    return field + ": " + err.getDefaultMessage();
                }))
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail constraintViolation(final jakarta.validation.ConstraintViolationException e) {
        final String detail = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(final HttpMessageNotReadableException e) {
        final String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (e.getMostSpecificCause() instanceof tools.jackson.core.JacksonException json && message.contains("Floating-point value")) {
            final String field = json.getPath().isEmpty() ? "a field" : json.getPath().get(json.getPath().size() - 1).getPropertyName();
            return problem(HttpStatus.BAD_REQUEST, "INTEGER_REQUIRED", field + " must be a whole number");
        }
        if (e.getMostSpecificCause() instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            // Jackson's own message names the request's Java class; the client needs only the field.
            return problem(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD", "Unknown field '" + unknown.getPropertyName() + "'");
        }
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "The request body is not valid JSON for this endpoint");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(final MethodArgumentTypeMismatchException e) {
        final Class<?> type = e.getRequiredType();
        final String expected = type == null ? "another value" : type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants())
                : Number.class.isAssignableFrom(org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(type)) ? "a number"
                : "a valid value";
        return problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Parameter '" + e.getName() + "' must be " + expected);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(final MissingRequestHeaderException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Header '" + e.getHeaderName() + "' is required");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(final HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Send application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(final HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", firstLine(e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail notFound(final NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource");
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
