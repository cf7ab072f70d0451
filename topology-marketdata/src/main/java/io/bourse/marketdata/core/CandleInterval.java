package io.bourse.marketdata.core;

/**
 * A candle bucket length. Buckets are aligned to Indian Standard Time (UTC+05:30, no daylight
 * saving): a bucket of length {@code L} containing instant {@code t} (epoch ms) starts at
 * {@code floor((t + 19_800_000) / L) * L - 19_800_000}.
 *
 * <p>For {@link #D1} that is IST midnight (18:30 UTC the day before). Every length divides a day,
 * so the smaller buckets tile each IST day exactly: M1, M5 and M15 start on the same instants as
 * with UTC alignment (5h30m is a multiple of 15 minutes), while {@link #H1} buckets start on IST
 * hours, i.e. at half past the UTC hour.
 */
public enum CandleInterval {
    M1(60_000L),
    M5(5 * 60_000L),
    M15(15 * 60_000L),
    H1(60 * 60_000L),
    D1(24 * 60 * 60_000L);

    /** Offset of IST from UTC, in milliseconds (5h30m). */
    public static final long IST_OFFSET_MS = 19_800_000L;

    private final long lengthMs;

    CandleInterval(final long lengthMs) {
        this.lengthMs = lengthMs;
    }

    /** Length of one bucket in milliseconds. */
    public long lengthMs() {
        return lengthMs;
    }

    /** Inclusive start of the bucket containing {@code timeMs}; also correct for negative times. */
    public long windowStart(final long timeMs) {
        return Math.floorDiv(timeMs + IST_OFFSET_MS, lengthMs) * lengthMs - IST_OFFSET_MS;
    }

    /** Exclusive end of the bucket starting at {@code windowStartMs}. */
    public long windowEnd(final long windowStartMs) {
        return windowStartMs + lengthMs;
    }

    /**
     * Whether the bucket starting at {@code windowStartMs} is closed, i.e. takes no more trades,
     * once trades up to {@code watermarkMs} have been seen: as in Kafka Streams' windowed
     * aggregations, a bucket closes when the watermark reaches its end plus the grace period.
     */
    public boolean isClosed(final long windowStartMs, final long watermarkMs, final long graceMs) {
        return watermarkMs >= windowEnd(windowStartMs) + graceMs;
    }
}
