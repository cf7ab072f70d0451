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
 * @param publishInterval how often (wall clock) the changed candles and tickers are emitted, each once
 *                        in its latest state; positive
 */
public record MarketDataConfig(Duration grace, Map<CandleInterval, Duration> candleRetention, int tapeCapacity,
        Duration publishInterval) {

    /** Default grace for late trades. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** Default publish interval: live charts and tickers move ten times a second at most. */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(100);
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
        Objects.requireNonNull(publishInterval, "publishInterval");
        if (publishInterval.isNegative() || publishInterval.isZero()) {
            throw new IllegalArgumentException("publishInterval must be positive: " + publishInterval);
        }
    }

    /**
     * Grace 30 s; candles kept 7 days (1m), 30 days (5m), 90 days (15m), 1 year (1h) and 10 years (1d);
     * the last 100 trades on the tape; candles and tickers published every 100 ms.
     */
    public static MarketDataConfig defaults() {
        return new MarketDataConfig(DEFAULT_GRACE, Map.of(
                CandleInterval.M1, Duration.ofDays(7),
                CandleInterval.M5, Duration.ofDays(30),
                CandleInterval.M15, Duration.ofDays(90),
                CandleInterval.H1, Duration.ofDays(366),
                CandleInterval.D1, Duration.ofDays(3_660)), TradeTape.DEFAULT_CAPACITY, DEFAULT_PUBLISH_INTERVAL);
    }

    /** This configuration with another grace. */
    public MarketDataConfig withGrace(final Duration newGrace) {
        return new MarketDataConfig(newGrace, candleRetention, tapeCapacity, publishInterval);
    }

    /** This configuration with another tape capacity. */
    public MarketDataConfig withTapeCapacity(final int newCapacity) {
        return new MarketDataConfig(grace, candleRetention, newCapacity, publishInterval);
    }

    /** This configuration with another publish interval. */
    public MarketDataConfig withPublishInterval(final Duration newInterval) {
        return new MarketDataConfig(grace, candleRetention, tapeCapacity, newInterval);
    }

    /** Retention of {@code interval}'s candle store. */
    public Duration retention(final CandleInterval interval) {
        return candleRetention.get(interval);
    }
}
