package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.CandleAggregation;
import io.bourse.marketdata.core.CandleInterval;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The candles of one symbol changed since they were last published: for each interval, the first
 * and the last window start that changed. Usually that is one window per interval; a trade across a
 * boundary or a late trade within the grace widens the range, and publishing it then re-sends the
 * unchanged candles in between, which is harmless for a topic of latest states.
 *
 * @param windows per interval, the changed window starts
 * @param timestampMs the latest record timestamp among the changes, for the published records
 */
record UnpublishedCandles(Map<CandleInterval, WindowRange> windows, long timestampMs) {

    /** Window starts {@code firstStartMs..lastStartMs}, both inclusive. */
    record WindowRange(long firstStartMs, long lastStartMs) {

        WindowRange {
            if (lastStartMs < firstStartMs) {
                throw new IllegalArgumentException("window range " + firstStartMs + ".." + lastStartMs + " is reversed");
            }
        }

        WindowRange including(final long startMs) {
            return new WindowRange(Math.min(firstStartMs, startMs), Math.max(lastStartMs, startMs));
        }
    }

    /** Nothing unpublished. */
    static final UnpublishedCandles NONE = new UnpublishedCandles(Map.of(), Long.MIN_VALUE);

    UnpublishedCandles {
        final Map<CandleInterval, WindowRange> copy = new EnumMap<>(CandleInterval.class);
        copy.putAll(Objects.requireNonNull(windows, "windows"));
        windows = Collections.unmodifiableMap(copy);
    }

    /** These changes and the windows of {@code changed}, changed by a record with timestamp {@code recordMs}. */
    UnpublishedCandles with(final List<CandleAggregation.Target> changed, final long recordMs) {
        final Map<CandleInterval, WindowRange> updated = new EnumMap<>(CandleInterval.class);
        updated.putAll(windows);
        for (final CandleAggregation.Target target : changed) {
            final long start = target.windowStartMs();
            updated.merge(target.interval(), new WindowRange(start, start), (range, added) -> range.including(start));
        }
        return new UnpublishedCandles(updated, Math.max(timestampMs, recordMs));
    }
}
