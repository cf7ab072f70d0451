package io.bourse.edge.payments;

import io.bourse.edge.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The format rules of a payout destination, checked before the provider sees it, each refusal a 400
 * with a stable code: an IFSC is four letters, a zero and six letters or digits; an account number 9
 * to 18 digits; a holder's name 3 to 100 letters, spaces, dots, apostrophes or hyphens; a UPI VPA a
 * handle of 2 to 64 letters, digits, dots, hyphens or underscores, {@code @}, and a provider of 2 to
 * 64 letters. A destination is one of the two kinds, never both.
 */
public final class PayoutDestinations {

    /** The kinds a client names. */
    public static final String BANK_ACCOUNT = "BANK_ACCOUNT";
    public static final String VPA = "VPA";
    /** Destination ids: {@code dst_} and 20 hexadecimal digits. */
    public static final Pattern ID = Pattern.compile("dst_[0-9a-f]{20}");

    private static final Pattern IFSC = Pattern.compile("[A-Z]{4}0[A-Z0-9]{6}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{9,18}");
    private static final Pattern HOLDER = Pattern.compile("[\\p{L} .'-]{3,100}");
    private static final Pattern UPI = Pattern.compile("[A-Za-z0-9._-]{2,64}@[A-Za-z]{2,64}");

    private PayoutDestinations() {
    }

    /**
     * The destination a request describes, normalized (IFSC upper case, VPA lower case).
     *
     * @throws ApiException 400 with a stable code when a field is missing, mixed or malformed
     */
    public static PaymentProvider.Destination check(final String type, final String holderName, final String ifsc,
            final String accountNumber, final String vpa) {
        if (BANK_ACCOUNT.equals(type)) {
            if (vpa != null) {
                throw ApiException.badRequest("INVALID_DESTINATION", "A bank account destination takes no vpa");
            }
            final String name = holderName == null ? "" : holderName.strip();
            if (!HOLDER.matcher(name).matches() || name.chars().noneMatch(Character::isLetter)) {
                throw ApiException.badRequest("INVALID_ACCOUNT_HOLDER",
                        "accountHolderName must be 3 to 100 letters, spaces, dots, apostrophes or hyphens");
            }
            final String code = ifsc == null ? "" : ifsc.strip().toUpperCase(Locale.ROOT);
            if (code.length() != 11 || !IFSC.matcher(code).matches()) {
                throw ApiException.badRequest("INVALID_IFSC", "ifsc must be 4 letters, a 0 and 6 letters or digits, e.g. HDFC0001234");
            }
            final String number = accountNumber == null ? "" : accountNumber.strip();
            if (number.length() > 18 || !ACCOUNT_NUMBER.matcher(number).matches()) {
                throw ApiException.badRequest("INVALID_ACCOUNT_NUMBER", "accountNumber must be 9 to 18 digits");
            }
            return new PaymentProvider.Destination(name, code, number, null);
        }
        if (VPA.equals(type)) {
            if (ifsc != null || accountNumber != null || holderName != null) {
                throw ApiException.badRequest("INVALID_DESTINATION", "A VPA destination takes no bank account fields");
            }
            final String address = vpa == null ? "" : vpa.strip().toLowerCase(Locale.ROOT);
            if (address.length() > 129 || !UPI.matcher(address).matches()) {
                throw ApiException.badRequest("INVALID_VPA", "vpa must look like name@bank: 2 to 64 letters, digits, '.', '-' or '_', "
                        + "then @ and 2 to 64 letters");
            }
            return new PaymentProvider.Destination(null, null, null, address);
        }
        throw ApiException.badRequest("INVALID_DESTINATION_TYPE", "type must be " + BANK_ACCOUNT + " or " + VPA);
    }

    /** The id of {@code destination} of {@code userId}: the same details give the same id, so registering twice is harmless. */
    public static String idOf(final String userId, final PaymentProvider.Destination destination) {
        final String details = destination.isVpa() ? "vpa\0" + destination.vpa()
                : "bank\0" + destination.ifsc() + "\0" + destination.accountNumber();
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest((userId + "\0" + details).getBytes(StandardCharsets.UTF_8));
            return "dst_" + HexFormat.of().formatHex(digest).substring(0, 20);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
