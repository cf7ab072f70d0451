package io.bourse.portfolio.core;

/**
 * How a withdrawal travels: a VPA by UPI (at most {@link #UPI_LIMIT_PAISE} per payout), a bank
 * account by IMPS up to {@link #IMPS_LIMIT_PAISE} and by NEFT above it.
 */
public final class PayoutModes {

    /** ₹1,00,000: the UPI per-transaction limit for payouts. */
    public static final long UPI_LIMIT_PAISE = 100_000_00L;
    /** ₹5,00,000: the IMPS per-transaction limit. */
    public static final long IMPS_LIMIT_PAISE = 500_000_00L;

    public enum Mode { IMPS, NEFT, UPI }

    private PayoutModes() {
    }

    /** The mode of a payout of {@code amountPaise}; {@code null} when a VPA cannot carry that much. */
    public static Mode of(final boolean vpa, final long amountPaise) {
        if (vpa) {
            return amountPaise <= UPI_LIMIT_PAISE ? Mode.UPI : null;
        }
        return amountPaise <= IMPS_LIMIT_PAISE ? Mode.IMPS : Mode.NEFT;
    }
}
