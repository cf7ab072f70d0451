package io.bourse.schemas.catalogue;

import java.util.function.ToIntFunction;

/**
 * The partition counts to create a cluster's topics with: one for the user-keyed topics, one for the
 * symbol-keyed ones. A count caps how many stream threads, across all instances, can work on a
 * topology at once; every partition also costs each exactly-once commit a transaction marker. A
 * count cannot be lowered later, and raising it moves keys to other partitions, so it is chosen
 * once, when the topics are created.
 *
 * @param byUser partitions of every {@link Partitioning#BY_USER} topic
 * @param bySymbol partitions of every {@link Partitioning#BY_SYMBOL} topic
 */
public record PartitionCounts(int byUser, int bySymbol) implements ToIntFunction<Topic<?>> {

    /** Six of each: room for six stream threads per topology. */
    public static final PartitionCounts DEFAULT =
            new PartitionCounts(Partitioning.BY_USER.defaultPartitions(), Partitioning.BY_SYMBOL.defaultPartitions());

    public PartitionCounts {
        if (byUser < 1 || bySymbol < 1) {
            throw new IllegalArgumentException("partition counts must be positive: by user " + byUser
                    + ", by symbol " + bySymbol);
        }
    }

    /** The count configured for topics partitioned as {@code partitioning}. */
    public int of(final Partitioning partitioning) {
        return switch (partitioning) {
            case BY_USER -> byUser;
            case BY_SYMBOL -> bySymbol;
            case SINGLE -> 1;
        };
    }

    @Override
    public int applyAsInt(final Topic<?> topic) {
        return of(topic.partitioning());
    }
}
