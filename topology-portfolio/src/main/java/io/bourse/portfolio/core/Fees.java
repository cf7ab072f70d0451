package io.bourse.portfolio.core;

/**
 * Fee arithmetic in basis points of a notional, in integer paise. Charged fees round down (in the
 * client's favour), reservations round up; with that pairing, the fees of any number of partial
 * fills never exceed what was reserved for the whole order.
 */
public final class Fees {

    private static final long BASIS_POINTS = 10_000;

    private Fees() {
    }

    /** The fee charged on a fill: ⌊notional × bps / 10000⌋. */
    public static long charged(final long notionalPaise, final int basisPoints) {
        return Math.multiplyExact(notionalPaise, basisPoints) / BASIS_POINTS;
    }

    /** The most a fee on {@code notionalPaise} can be: ⌈notional × bps / 10000⌉. */
    public static long reserved(final long notionalPaise, final int basisPoints) {
        return -Math.floorDiv(-Math.multiplyExact(notionalPaise, basisPoints), BASIS_POINTS);
    }

    /** Cash to hold for buying {@code quantity} at up to {@code price}: notional plus the largest fee. */
    public static long cashToReserve(final long pricePaise, final long quantityShares, final int maxBasisPoints) {
        final long notional = Math.multiplyExact(pricePaise, quantityShares);
        return Math.addExact(notional, reserved(notional, maxBasisPoints));
    }
}
