package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.TradeTape;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the market-data topology.
 *
 * @param grace how long after a candle's end a late trade still updates it (per symbol, on trade time)
 * @param candleRetention how long each interval's candles are kept in its window store; at least the
 *                        interval plus the grace
 * @param tapeCapacity trades kept per symbol on the tape, 1..10 000
 */
public record MarketDataConfig(Duration grace, Map<CandleInterval, Duration> candleRetention, int tapeCapacity) {

    /** Default grace for late trades. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** Upper bound of {@link #tapeCapacity}: slot numbers are written with four digits. */
    public static final int MAX_TAPE_CAPACITY = 10_000;

    public MarketDataConfig {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        final Map<CandleInterval, Duration> copy = new EnumMap<>(CandleInterval.class);
        for (final CandleInterval interval : CandleInterval.values()) {
            final Duration retention = Objects.requireNonNull(candleRetention.get(interval), "retention of " + interval);
            if (retention.toMillis() < interval.lengthMs() + grace.toMillis()) {
                throw new IllegalArgumentException("retention of " + interval + " (" + retention
                        + ") is shorter than the interval plus the grace");
            }
            copy.put(interval, retention);
        }
        candleRetention = Map.copyOf(copy);
        if (tapeCapacity < 1 || tapeCapacity > MAX_TAPE_CAPACITY) {
            throw new IllegalArgumentException("tapeCapacity must be in 1.." + MAX_TAPE_CAPACITY + ": " + tapeCapacity);
        }
    }

    /**
     * Grace 30 s; candles kept 7 days (1m), 30 days (5m), 90 days (15m), 1 year (1h) and 10 years (1d);
     * the last 100 trades on the tape.
     */
    public static MarketDataConfig defaults() {
        return new MarketDataConfig(DEFAULT_GRACE, Map.of(
                CandleInterval.M1, Duration.ofDays(7),
                CandleInterval.M5, Duration.ofDays(30),
                CandleInterval.M15, Duration.ofDays(90),
                CandleInterval.H1, Duration.ofDays(366),
                CandleInterval.D1, Duration.ofDays(3_660)), TradeTape.DEFAULT_CAPACITY);
    }

    /** This configuration with another grace. */
    public MarketDataConfig withGrace(final Duration newGrace) {
        return new MarketDataConfig(newGrace, candleRetention, tapeCapacity);
    }

    /** This configuration with another tape capacity. */
    public MarketDataConfig withTapeCapacity(final int newCapacity) {
        return new MarketDataConfig(grace, candleRetention, newCapacity);
    }

    /** Retention of {@code interval}'s candle store. */
    public Duration retention(final CandleInterval interval) {
        return candleRetention.get(interval);
    }
}
