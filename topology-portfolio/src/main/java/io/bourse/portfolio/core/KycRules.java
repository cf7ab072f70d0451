package io.bourse.portfolio.core;

import java.time.LocalDate;
import java.time.Period;
import java.util.regex.Pattern;

/** What a KYC submission must satisfy, and how a PAN may be shown. */
public final class KycRules {

    /** Indian Permanent Account Number: five letters, four digits, one letter. */
    private static final Pattern PAN = Pattern.compile("[A-Z]{5}[0-9]{4}[A-Z]");
    private static final int MINIMUM_AGE_YEARS = 18;
    private static final int MAX_TEXT = 200;

    private KycRules() {
    }

    /** {@code null} when the details are acceptable on {@code today}, otherwise what is wrong. */
    public static String problem(final String legalName, final LocalDate dateOfBirth, final String pan, final String address,
            final LocalDate today) {
        if (legalName == null || legalName.isBlank() || legalName.length() > MAX_TEXT) {
            return "legal name must be 1 to " + MAX_TEXT + " characters";
        }
        if (pan == null || !PAN.matcher(pan).matches()) {
            return "PAN must look like AAAAA9999A";
        }
        if (address == null || address.isBlank() || address.length() > MAX_TEXT) {
            return "address must be 1 to " + MAX_TEXT + " characters";
        }
        if (dateOfBirth == null || dateOfBirth.isAfter(today)
                || Period.between(dateOfBirth, today).getYears() < MINIMUM_AGE_YEARS) {
            return "account holders must be at least " + MINIMUM_AGE_YEARS + " years old";
        }
        return null;
    }

    /** The PAN with its first five letters hidden, e.g. {@code XXXXX1234F}. */
    public static String mask(final String pan) {
        return pan == null || pan.length() != 10 ? null : "XXXXX" + pan.substring(5);
    }
}
