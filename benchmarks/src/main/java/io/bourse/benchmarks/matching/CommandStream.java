package io.bourse.benchmarks.matching;

import io.bourse.matching.core.MatchingEngine;
import io.bourse.matching.core.MatchingListener;
import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.Reason;
import java.util.Arrays;

/**
 * Pre-generated engine commands in flat arrays. Replaying does no generation and allocates
 * nothing itself: every {@link NewOrder}, order id and user id already exists. A stream is only
 * valid from the engine state it was generated against (see {@link OrderBookCommandMix}): the
 * engine is deterministic, so replaying it there makes every amend and cancel hit an open order.
 */
public final class CommandStream {

    static final byte PLACE = 0;
    static final byte MOVE = 1;
    static final byte REDUCE = 2;
    static final byte CANCEL = 3;

    private final byte[] kinds;
    private final NewOrder[] orders;
    private final String[] orderIds;
    private final String[] userIds;
    private final long[] values;
    private final int size;

    private CommandStream(final byte[] kinds, final NewOrder[] orders, final String[] orderIds, final String[] userIds,
            final long[] values, final int size) {
        this.kinds = kinds;
        this.orders = orders;
        this.orderIds = orderIds;
        this.userIds = userIds;
        this.values = values;
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The first {@code count} commands, sharing this stream's arrays. */
    public CommandStream head(final int count) {
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("head of " + count + " from a stream of " + size);
        }
        return new CommandStream(kinds, orders, orderIds, userIds, values, count);
    }

    /** Runs command {@code index} on {@code engine}. */
    public void apply(final int index, final MatchingEngine engine, final MatchingListener listener) {
        switch (kinds[index]) {
            case PLACE -> engine.place(orders[index], listener);
            case MOVE -> engine.amend(orderIds[index], userIds[index], values[index], 0, listener);
            case REDUCE -> engine.amend(orderIds[index], userIds[index], NewOrder.NO_PRICE, values[index], listener);
            case CANCEL -> engine.cancel(orderIds[index], userIds[index], Reason.USER_CANCELLED, listener);
            default -> throw new IllegalStateException("unknown command kind " + kinds[index]);
        }
    }

    /** Runs every command, in order. */
    public void applyAll(final MatchingEngine engine, final MatchingListener listener) {
        for (int i = 0; i < size; i++) {
            apply(i, engine, listener);
        }
    }

    /** Collects commands into growing arrays while the generator runs. */
    static final class Builder {
        private byte[] kinds;
        private NewOrder[] orders;
        private String[] orderIds;
        private String[] userIds;
        private long[] values;
        private int size;

        Builder(final int expectedSize) {
            final int capacity = Math.max(16, expectedSize);
            kinds = new byte[capacity];
            orders = new NewOrder[capacity];
            orderIds = new String[capacity];
            userIds = new String[capacity];
            values = new long[capacity];
        }

        int size() {
            return size;
        }

        void place(final NewOrder order) {
            add(PLACE, order, null, null, 0);
        }

        void move(final String orderId, final String userId, final long newPricePaise) {
            add(MOVE, null, orderId, userId, newPricePaise);
        }

        void reduce(final String orderId, final String userId, final long newQuantityShares) {
            add(REDUCE, null, orderId, userId, newQuantityShares);
        }

        void cancel(final String orderId, final String userId) {
            add(CANCEL, null, orderId, userId, 0);
        }

        /** The commands collected so far; the builder must not be used afterwards. */
        CommandStream build() {
            return new CommandStream(Arrays.copyOf(kinds, size), Arrays.copyOf(orders, size), Arrays.copyOf(orderIds, size),
                    Arrays.copyOf(userIds, size), Arrays.copyOf(values, size), size);
        }

        private void add(final byte kind, final NewOrder order, final String orderId, final String userId, final long value) {
            if (size == kinds.length) {
                final int capacity = size * 2;
                kinds = Arrays.copyOf(kinds, capacity);
                orders = Arrays.copyOf(orders, capacity);
                orderIds = Arrays.copyOf(orderIds, capacity);
                userIds = Arrays.copyOf(userIds, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            kinds[size] = kind;
            orders[size] = order;
            orderIds[size] = orderId;
            userIds[size] = userId;
            values[size] = value;
            size++;
        }
    }
}
