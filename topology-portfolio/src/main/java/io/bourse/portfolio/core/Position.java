package io.bourse.portfolio.core;

import java.math.BigInteger;

/**
 * One balance: cash in paise or shares of a symbol. Operations return a new position and refuse
 * (with an exception: that is a bug, not a business outcome) to take either side below zero.
 *
 * @param costBasisPaise for shares, what the shares held cost, fees included
 * @param realizedPnlPaise for shares, profit or loss realized by sales, after fees
 */
public record Position(String asset, long available, long reserved, long costBasisPaise, long realizedPnlPaise) {

    public static final String CASH = "INR";

    public Position {
        if (available < 0 || reserved < 0) {
            throw new IllegalStateException("negative balance of " + asset + ": available " + available + ", reserved " + reserved);
        }
    }

    public static Position empty(final String asset) {
        return new Position(asset, 0, 0, 0, 0);
    }

    public boolean isCash() {
        return CASH.equals(asset);
    }

    public long total() {
        return available + reserved;
    }

    /** Moves {@code amount} from available to reserved. */
    public Position reserve(final long amount) {
        return new Position(asset, available - amount, reserved + amount, costBasisPaise, realizedPnlPaise);
    }

    /** Moves {@code amount} from reserved back to available. */
    public Position release(final long amount) {
        return new Position(asset, available + amount, reserved - amount, costBasisPaise, realizedPnlPaise);
    }

    /** Takes {@code amount} out of reserved (it leaves the account). */
    public Position spendReserved(final long amount) {
        return new Position(asset, available, reserved - amount, costBasisPaise, realizedPnlPaise);
    }

    /** Adds {@code amount} to available; {@code costPaise} is what it cost (shares), else 0. */
    public Position credit(final long amount, final long costPaise) {
        return new Position(asset, available + amount, reserved, costBasisPaise + costPaise, realizedPnlPaise);
    }

    /** Takes {@code amount} out of available. */
    public Position debit(final long amount) {
        return new Position(asset, available - amount, reserved, costBasisPaise, realizedPnlPaise);
    }

    /**
     * Sells {@code shares} out of reserved for {@code proceedsPaise} (after fees): removes their share of
     * the cost basis (average cost, rounded down) and books the difference as realized P&amp;L.
     */
    public Position sellReserved(final long shares, final long proceedsPaise) {
        final long held = total();
        final long costRemoved = held == 0 ? 0
                : BigInteger.valueOf(costBasisPaise).multiply(BigInteger.valueOf(shares))
                        .divide(BigInteger.valueOf(held)).longValueExact();
        return new Position(asset, available, reserved - shares, costBasisPaise - costRemoved,
                realizedPnlPaise + proceedsPaise - costRemoved);
    }
}
