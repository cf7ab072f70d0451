package io.bourse.marketdata.topology;

/**
 * Composite string keys {@code <symbol>|<zero-padded number>} of the stores that hold several
 * entries per symbol. The fixed width makes the byte order of the keys the numeric order, so a
 * symbol's entries form one contiguous, ordered range.
 */
final class StoreKeys {

    static final char SEPARATOR = '|';
    /** Digits of a minute number: enough until the year 3800. */
    static final int MINUTE_DIGITS = 12;
    /** Digits of a tape slot. */
    static final int SLOT_DIGITS = 4;

    private StoreKeys() {
    }

    /** Key of {@code symbol}'s ticker bucket for {@code minute} (non-negative). */
    static String minute(final String symbol, final long minute) {
        return padded(symbol, minute, MINUTE_DIGITS);
    }

    /** The largest minute key of {@code symbol}. */
    static String lastMinute(final String symbol) {
        return padded(symbol, 999_999_999_999L, MINUTE_DIGITS);
    }

    /** Key of {@code symbol}'s tape slot {@code slot}. */
    static String slot(final String symbol, final int slot) {
        return padded(symbol, slot, SLOT_DIGITS);
    }

    private static String padded(final String symbol, final long number, final int digits) {
        if (number < 0) {
            throw new IllegalArgumentException("negative key number " + number + " for " + symbol);
        }
        final String value = Long.toString(number);
        if (value.length() > digits) {
            throw new IllegalArgumentException("key number " + number + " exceeds " + digits + " digits");
        }
        final StringBuilder key = new StringBuilder(symbol.length() + 1 + digits).append(symbol).append(SEPARATOR);
        for (int i = value.length(); i < digits; i++) {
            key.append('0');
        }
        return key.append(value).toString();
    }
}
