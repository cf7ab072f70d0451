package io.bourse.edge.api;

import io.bourse.client.Rupees;
import java.math.BigDecimal;

/**
 * Decimal strings at the edge, integers inside: "2450.05" rupees is 245005 paise. Parsing refuses
 * more than two decimals, signs, exponents and absurd sizes rather than rounding.
 */
public final class Money {

    /** ₹10,00,00,00,000 (one thousand crore) in paise: far above any real order, far below overflow. */
    public static final long MAX_PAISE = 1_000_000_000_000L;

    private Money() {
    }

    public static long toPaise(final String rupees, final String field) {
        if (rupees == null || !rupees.matches("\\d{1,13}(\\.\\d{1,2})?")) {
            throw ApiException.badRequest("INVALID_AMOUNT", field + " must be a positive decimal with at most two decimals, e.g. \"2450.05\"");
        }
        final long paise = new BigDecimal(rupees).movePointRight(2).longValueExact();
        if (paise <= 0 || paise > MAX_PAISE) {
            throw ApiException.badRequest("INVALID_AMOUNT", field + " must be between 0.01 and " + format(MAX_PAISE));
        }
        return paise;
    }

    public static String format(final long paise) {
        return Rupees.format(paise);
    }

    public static String formatOrNull(final Long paise) {
        return paise == null ? null : format(paise);
    }
}
