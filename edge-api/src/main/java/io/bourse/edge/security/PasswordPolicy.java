package io.bourse.edge.security;

import io.bourse.edge.api.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be, after NIST SP 800-63B (3.1.1.2): at least {@link #MIN_LENGTH}
 * characters (any characters, no composition rules), not one of the commonly used passwords, not
 * one character or an ascending run repeated, and not built from the account's e-mail or the
 * exchange's name. A refusal is a 400 {@code WEAK_PASSWORD} problem saying why.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    private static final Set<String> COMMON = load("/security/common-passwords.txt");

    private PasswordPolicy() {
    }

    /** Throws the problem when {@code password} may not be used for the account of {@code email}. */
    public static void check(final String password, final String email) {
        final String lower = password.toLowerCase(Locale.ROOT);
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw weak("at least " + MIN_LENGTH + " characters");
        }
        if (COMMON.contains(lower)) {
            throw weak("not one of the most commonly used passwords");
        }
        if (lower.chars().distinct().count() <= 2 || ascendingRun(lower)) {
            throw weak("not a repeated character or a run like 12345678 or abcdefgh");
        }
        final String local = email.toLowerCase(Locale.ROOT).substring(0, Math.max(0, email.indexOf('@')));
        if ((local.length() >= 4 && lower.contains(local)) || lower.contains("bourse")) {
            throw weak("not made from your e-mail address or the exchange's name");
        }
    }

    private static boolean ascendingRun(final String text) {
        for (int i = 1; i < text.length(); i++) {
            final int step = text.charAt(i) - text.charAt(i - 1);
            if (step != 1 && step != -1) {
                return false;
            }
        }
        return true;
    }

    private static ApiException weak(final String rule) {
        return ApiException.badRequest("WEAK_PASSWORD", "The password must be " + rule);
    }

    private static Set<String> load(final String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
