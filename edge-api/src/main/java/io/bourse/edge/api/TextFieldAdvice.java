package io.bourse.edge.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses control characters in every text field of every JSON request body (the request records,
 * nested ones included) with a {@code CONTROL_CHARACTER} problem: a display name or an address with
 * a bell, an escape sequence or a right-to-left override would reach e-mails, logs, the web UI and
 * the analysts' database. Raw bodies (a payment provider's signed webhook) are not records and are
 * left to their handler.
 */
@ControllerAdvice
public class TextFieldAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(final MethodParameter parameter, final Type targetType,
            final Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && type.isRecord();
    }

    @Override
    public Object afterBodyRead(final Object body, final HttpInputMessage input, final MethodParameter parameter, final Type targetType,
            final Class<? extends HttpMessageConverter<?>> converterType) {
        check("", body);
        return body;
    }

    /** Throws the problem for the first text under {@code value} with a control character. */
    static void check(final String path, final Object value) {
        if (value instanceof CharSequence text) {
            if (hasControlCharacter(text)) {
                throw ApiException.badRequest("CONTROL_CHARACTER", (path.isEmpty() ? "a text field" : path)
                        + " must not contain control characters");
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> check(path, item));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                check(path, k);
                check(path, v);
            });
        } else if (value != null && value.getClass().isRecord()) {
            for (final RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    check(path.isEmpty() ? component.getName() : path + "." + component.getName(), component.getAccessor().invoke(value));
                } catch (final IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("Cannot read " + component + " of a request", e);
                }
            }
        }
    }

    /** C0 and C1 controls and DEL, the Unicode line and paragraph separators, and the bidirectional overrides and isolates. */
    static boolean hasControlCharacter(final CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                return true;
            }
        }
        return false;
    }
}
