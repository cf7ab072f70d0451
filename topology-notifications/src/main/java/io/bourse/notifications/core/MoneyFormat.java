package io.bourse.notifications.core;

/**
 * Money and quantities as people in India write them: rupees from paise with two decimals and Indian
 * digit grouping (the last three digits, then pairs): {@code 123456750} paise is {@code ₹12,34,567.50}.
 * Exact for every {@code long}; no floating point.
 */
public final class MoneyFormat {

    private static final String RUPEE = "\u20B9";

    private MoneyFormat() {
    }

    /** {@code ₹12,34,567.50}; a negative amount is {@code -₹1,234.00}. */
    public static String rupees(final long paise) {
        // Divide before taking the sign off: -Long.MIN_VALUE does not exist, -(Long.MIN_VALUE / 100) does.
        final long rupees = Math.abs(paise / 100);
        final long fraction = Math.abs(paise % 100);
        return (paise < 0 ? "-" : "") + RUPEE + group(Long.toString(rupees)) + "." + (fraction < 10 ? "0" : "") + fraction;
    }

    /** A whole number of shares with Indian grouping: {@code 1,00,000}. */
    public static String quantity(final long shares) {
        final String digits = Long.toString(shares);
        return shares < 0 ? "-" + group(digits.substring(1)) : group(digits);
    }

    /** Indian grouping of the decimal digits of a non-negative number. */
    static String group(final String digits) {
        if (digits.length() <= 3) {
            return digits;
        }
        final StringBuilder out = new StringBuilder();
        final String head = digits.substring(0, digits.length() - 3);
        final int first = head.length() % 2;
        if (first == 1) {
            out.append(head, 0, 1).append(',');
        }
        for (int i = first; i < head.length(); i += 2) {
            out.append(head, i, i + 2).append(',');
        }
        return out.append(digits, digits.length() - 3, digits.length()).toString();
    }
}
