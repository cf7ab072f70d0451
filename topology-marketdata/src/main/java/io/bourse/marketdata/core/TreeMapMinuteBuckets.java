package io.bourse.marketdata.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** {@link MinuteBuckets} in memory, for tests and benchmarks of the core. */
public final class TreeMapMinuteBuckets implements MinuteBuckets {

    private final NavigableMap<Long, Ohlcv> buckets = new TreeMap<>();

    @Override
    public Ohlcv get(final long minute) {
        return buckets.get(minute);
    }

    @Override
    public void put(final long minute, final Ohlcv bucket) {
        buckets.put(minute, bucket);
    }

    @Override
    public List<Ohlcv> removeBefore(final long minute) {
        final Map<Long, Ohlcv> head = buckets.headMap(minute, false);
        final List<Ohlcv> removed = new ArrayList<>(head.values());
        head.clear();
        return removed;
    }

    @Override
    public List<Ohlcv> from(final long minute) {
        return new ArrayList<>(buckets.tailMap(minute, true).values());
    }

    /** Number of buckets held. */
    public int size() {
        return buckets.size();
    }
}
