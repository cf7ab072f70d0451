package io.bourse.edge.api;

import org.springframework.http.HttpStatus;

/**
 * A request refused with an HTTP status and a stable error code, answered as RFC 9457 problem
 * details by {@link ProblemHandler}. It is an answer, not a fault: it carries no stack trace, which
 * would cost every refused order its capture and is never shown.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;

    public ApiException(final HttpStatus status, final String code, final String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(final String code, final String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiException notFound(final String code, final String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiException conflict(final String code, final String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    /** A read that cannot be answered right now (rebalance, restoring state): retry after a moment. */
    public static ApiException unavailable(final String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "TEMPORARILY_UNAVAILABLE", detail);
    }
}
