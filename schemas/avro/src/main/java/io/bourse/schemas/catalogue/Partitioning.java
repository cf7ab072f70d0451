package io.bourse.schemas.catalogue;

/**
 * How a topic is partitioned. The topologies join topics with the same kind of key partition by
 * partition, so all {@link #BY_USER} topics share one partition count and all {@link #BY_SYMBOL}
 * ones another; a {@link #SINGLE} topic is read whole by every instance.
 */
public enum Partitioning {
    /** Keyed by user id, co-partitioned with every other user-keyed topic. */
    BY_USER(6),
    /** Keyed by symbol, co-partitioned with every other symbol-keyed topic that is not a global table. */
    BY_SYMBOL(6),
    /** One partition: a global table every instance reads whole, or a topic with no key to spread by. */
    SINGLE(1);

    private final int defaultPartitions;

    Partitioning(final int defaultPartitions) {
        this.defaultPartitions = defaultPartitions;
    }

    /** The partition count a new cluster gets unless configured otherwise. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    /** Whether the topics partitioned this way must all have the same count. */
    public boolean coPartitioned() {
        return this != SINGLE;
    }
}
