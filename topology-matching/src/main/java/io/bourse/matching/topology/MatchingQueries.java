package io.bourse.matching.topology;

import io.bourse.avro.matching.RestingOrderSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive-query helpers over the {@code resting-orders} store of the instance that owns the
 * symbol's partition. They read the committed store, never the processor's in-memory book, so
 * they are safe from any thread.
 */
public final class MatchingQueries {

    /** One aggregated price level. */
    public record Level(long pricePaise, long quantityShares, int orderCount) {
    }

    /** The best levels of each side, best first. */
    public record Depth(String symbol, List<Level> bids, List<Level> asks) {
    }

    private MatchingQueries() {
    }

    /** Open orders of {@code symbol}: bids best first, then asks best first, each in time priority. */
    public static List<RestingOrderSnapshot> openOrders(final ReadOnlyKeyValueStore<String, RestingOrderSnapshot> store,
            final String symbol) {
        final List<RestingOrderSnapshot> orders = new ArrayList<>(BookRepository.restingOrders(store, symbol));
        orders.sort(Comparator.comparing((RestingOrderSnapshot o) -> o.getSide().ordinal())
                .thenComparing(o -> o.getSide() == io.bourse.avro.common.Side.BUY ? -o.getPricePaise() : o.getPricePaise())
                .thenComparingLong(RestingOrderSnapshot::getArrivalSequence));
        return orders;
    }

    /** The top {@code levels} price levels per side of {@code symbol}. */
    public static Depth depth(final ReadOnlyKeyValueStore<String, RestingOrderSnapshot> store, final String symbol,
            final int levels) {
        final TreeMap<Long, long[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, long[]> asks = new TreeMap<>();
        for (final RestingOrderSnapshot order : BookRepository.restingOrders(store, symbol)) {
            final long open = order.getQuantityShares() - order.getFilledQuantityShares() - order.getCancelledQuantityShares();
            final long[] level = (order.getSide() == io.bourse.avro.common.Side.BUY ? bids : asks)
                    .computeIfAbsent(order.getPricePaise(), p -> new long[2]);
            level[0] += open;
            level[1]++;
        }
        return new Depth(symbol, top(bids, levels), top(asks, levels));
    }

    private static List<Level> top(final TreeMap<Long, long[]> side, final int levels) {
        final List<Level> result = new ArrayList<>();
        for (final Map.Entry<Long, long[]> entry : side.entrySet()) {
            if (result.size() == levels) {
                break;
            }
            result.add(new Level(entry.getKey(), entry.getValue()[0], (int) entry.getValue()[1]));
        }
        return result;
    }
}
