package io.bourse.edge.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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

    /** Each request record's components, read from its class once. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(final Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(c -> {
                final Method accessor = c.getAccessor();
                accessor.trySetAccessible();
                return new Component(c.getName(), accessor);
            }).toList();
        }
    };

    @Override
    public boolean supports(final MethodParameter parameter, final Type targetType,
            final Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && type.isRecord();
    }

    @Override
    public Object afterBodyRead(final Object body, final HttpInputMessage input, final MethodParameter parameter, final Type targetType,
            final Class<? extends HttpMessageConverter<?>> converterType) {
        check(body);
        return body;
    }

    /** Throws the problem for the first text under {@code value} with a control character. */
    static void check(final Object value) {
        final String field = offendingField(value);
        if (field != null) {
            throw ApiException.badRequest("CONTROL_CHARACTER", (field.isEmpty() ? "a text field" : field)
                    + " must not contain control characters");
        }
    }

    /**
     * The dotted name of the first text under {@code value} with a control character ({@code ""} for
     * {@code value} itself), or {@code null} when there is none. Every order passes here, so the name
     * is built only for a refusal and each record's accessors are looked up once.
     */
    private static String offendingField(final Object value) {
        if (value instanceof CharSequence text) {
            return hasControlCharacter(text) ? "" : null;
        }
        if (value instanceof Collection<?> items) {
            for (final Object item : items) {
                final String field = offendingField(item);
                if (field != null) {
                    return field;
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            final String inKeys = offendingField(map.keySet());
            return inKeys != null ? inKeys : offendingField(map.values());
        } else if (value != null && value.getClass().isRecord()) {
            for (final Component component : COMPONENTS.get(value.getClass())) {
                final String field = offendingField(component.read(value));
                if (field != null) {
                    return field.isEmpty() ? component.name() : component.name() + "." + field;
                }
            }
        }
        return null;
    }

    /** A request record's component: its name and its accessor. */
    private record Component(String name, Method accessor) {

        Object read(final Object record) {
            try {
                return accessor.invoke(record);
            } catch (final IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + name + " of a request", e);
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
