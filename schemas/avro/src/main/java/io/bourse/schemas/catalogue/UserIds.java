package io.bourse.schemas.catalogue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * User ids derive from the normalized e-mail address, so every command about one address lands on
 * the same partition: two registrations of one address, even at the same instant, are processed
 * one after the other and the second is refused.
 */
public final class UserIds {

    private UserIds() {
    }

    /** Lower-cased and trimmed. */
    public static String normalizeEmail(final String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** The user id of the account registered with {@code email}. */
    public static String forEmail(final String email) {
        return "u-" + UUID.nameUUIDFromBytes(("bourse:user:" + normalizeEmail(email)).getBytes(StandardCharsets.UTF_8));
    }
}
