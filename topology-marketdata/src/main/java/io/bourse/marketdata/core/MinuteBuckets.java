package io.bourse.marketdata.core;

import java.util.List;

/**
 * One symbol's non-empty one-minute trade buckets, indexed by minute number
 * ({@code floor(epochMs / 60_000)}). The rolling ticker reads and writes them through this port so
 * the rule stays here while the topology keeps the buckets in a state store.
 */
public interface MinuteBuckets {

    /** The bucket of {@code minute}, or {@code null} if no trade fell in it. */
    Ohlcv get(long minute);

    /** Stores the bucket of {@code minute}. */
    void put(long minute, Ohlcv bucket);

    /** Removes every bucket before {@code minute} and returns them, oldest first. */
    List<Ohlcv> removeBefore(long minute);

    /** Every bucket from {@code minute} on, oldest first. */
    List<Ohlcv> from(long minute);
}
