package io.bourse.edge.payments;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Withdrawal ids name the partition of their user. A payout provider echoes the withdrawal id as the
 * payout's {@code reference_id}, and nothing else in its webhook says whose withdrawal it is; so the
 * id carries the user's UUID (22 base64url characters) and 13 random ones: {@code w<user><random>},
 * 36 characters, which RazorpayX takes both as {@code reference_id} (at most 40) and as the
 * {@code X-Payout-Idempotency} key (4 to 36 letters, digits, {@code -} and {@code _}).
 *
 * <p>This decides only which partition a report is read on, never whose money moves: the portfolio
 * moves a reserve only for a withdrawal that user really has under that id, with that payout id and
 * amount. A made-up id names no withdrawal and moves nothing.
 */
public final class WithdrawalIds {

    /** Every withdrawal id this class makes matches it. */
    public static final Pattern FORMAT = Pattern.compile("w[A-Za-z0-9_-]{22}[A-Za-z0-9]{13}");
    private static final String USER_PREFIX = "u-";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WithdrawalIds() {
    }

    /** A new withdrawal id of {@code userId}; empty for a user id that is not {@code u-<uuid>}. */
    public static Optional<String> next(final String userId) {
        final Optional<UUID> uuid = uuidOf(userId);
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        final ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.get().getMostSignificantBits())
                .putLong(uuid.get().getLeastSignificantBits());
        final StringBuilder id = new StringBuilder("w").append(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()));
        for (int i = 0; i < 13; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return Optional.of(id.toString());
    }

    /** The user whose partition {@code withdrawalId} names; empty for anything not shaped like one. */
    public static Optional<String> userOf(final String withdrawalId) {
        if (withdrawalId == null || !FORMAT.matcher(withdrawalId).matches()) {
            return Optional.empty();
        }
        try {
            final ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(withdrawalId.substring(1, 23)));
            return Optional.of(USER_PREFIX + new UUID(bytes.getLong(), bytes.getLong()));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuidOf(final String userId) {
        if (userId == null || !userId.startsWith(USER_PREFIX)) {
            return Optional.empty();
        }
        try {
            final UUID uuid = UUID.fromString(userId.substring(USER_PREFIX.length()));
            return uuid.toString().equals(userId.substring(USER_PREFIX.length())) ? Optional.of(uuid) : Optional.empty();
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
