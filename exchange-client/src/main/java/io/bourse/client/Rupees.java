package io.bourse.client;

import java.math.BigDecimal;

/** Paise as the API writes them: 245005 paise is "2450.05". */
public final class Rupees {

    private Rupees() {
    }

    public static String format(final long paise) {
        return BigDecimal.valueOf(paise, 2).toPlainString();
    }
}
