package io.bourse.matching.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The production book. Each side keeps its price levels in an array sorted so that the best level
 * is last: levels cluster around the spread, so inserting or removing one shifts only the few
 * levels better than it, and a hash index finds a level by price without searching the array.
 * Each level holds its orders in an intrusive doubly-linked FIFO list, and orders are found by id
 * through a hash map, so cancel and amend are O(1) unless they create or drop a level, which costs
 * a binary search and a shift.
 */
public final class FastOrderBook implements OrderBook {

    private final Map<String, Node> ordersById = new HashMap<>(4096);
    private final Ladder bids = new Ladder(Side.BUY);
    private final Ladder asks = new Ladder(Side.SELL);

    @Override
    public Reason place(final NewOrder order, final long arrivalSequence, final long matchLimitPaise,
            final long lotSizeShares, final BookListener listener) {
        if (ordersById.containsKey(order.orderId())) {
            return Reason.DUPLICATE_ORDER_ID;
        }
        final Ladder opposite = ladder(order.side().opposite());
        if (order.postOnly() && wouldTake(order.side(), matchLimitPaise, opposite.best())) {
            return Reason.POST_ONLY_WOULD_TAKE;
        }
        final Node taker = new Node(order, arrivalSequence);
        taker.notionalCap = order.maxNotionalPaise();
        taker.lot = lotSizeShares;
        if (order.timeInForce() == TimeInForce.FOK && !fillable(taker, matchLimitPaise, opposite)) {
            taker.cancelled = taker.quantity;
            listener.cancelled(taker, Reason.FOK_NOT_FILLABLE);
            return null;
        }
        if (!match(taker, matchLimitPaise, opposite, listener)) {
            return null;
        }
        if (taker.remaining() == 0) {
            return null;
        }
        if (order.type() == OrderType.MARKET) {
            final Reason reason = taker.filled == 0 ? Reason.NO_LIQUIDITY : Reason.MARKET_REMAINDER_CANCELLED;
            taker.cancelled += taker.remaining();
            listener.cancelled(taker, reason);
        } else if (order.timeInForce() == TimeInForce.IOC || order.timeInForce() == TimeInForce.FOK) {
            taker.cancelled += taker.remaining();
            listener.cancelled(taker, Reason.IOC_REMAINDER_CANCELLED);
        } else {
            rest(taker, listener);
            listener.resting(taker);
        }
        return null;
    }

    @Override
    public Reason cancel(final String orderId, final String userId, final Reason reason, final BookListener listener) {
        final Node node = ordersById.get(orderId);
        if (node == null) {
            return Reason.UNKNOWN_ORDER;
        }
        if (!node.userId.equals(userId)) {
            return Reason.NOT_ORDER_OWNER;
        }
        remove(node, listener);
        node.cancelled += node.remaining();
        listener.cancelled(node, reason);
        return null;
    }

    @Override
    public Reason amend(final String orderId, final long newPricePaise, final long newQuantityShares,
            final long arrivalSequence, final BookListener listener) {
        final Node node = ordersById.get(orderId);
        if (node == null) {
            return Reason.UNKNOWN_ORDER;
        }
        final long newRemaining = newQuantityShares - node.filled - node.cancelled;
        if (newRemaining <= 0) {
            return Reason.QUANTITY_OUT_OF_RANGE;
        }
        final Ladder opposite = ladder(node.side.opposite());
        if (newPricePaise == node.price && newRemaining <= node.remaining()) {
            final long reduction = node.remaining() - newRemaining;
            node.quantity = newQuantityShares;
            node.level.quantity -= reduction;
            listener.amended(node, null);
            listener.levelTouched(node.side, node.price);
            return null;
        }
        if (node.postOnly && wouldTake(node.side, newPricePaise, opposite.best())) {
            return Reason.POST_ONLY_WOULD_TAKE;
        }
        // re-queued, not removed: it keeps its entry by id unless it fills or self-trade prevention ends it
        unlink(node, listener);
        node.price = newPricePaise;
        node.quantity = newQuantityShares;
        node.arrival = arrivalSequence;
        listener.amended(node, null);
        if (match(node, newPricePaise, opposite, listener) && node.remaining() > 0) {
            ladder(node.side).append(node);
            listener.levelTouched(node.side, node.price);
            listener.resting(node);
        } else {
            ordersById.remove(node.orderId);
        }
        return null;
    }

    @Override
    public void expireDayOrders(final BookListener listener) {
        final List<Node> day = new ArrayList<>();
        for (final Node node : ordersById.values()) {
            if (node.timeInForce == TimeInForce.DAY) {
                day.add(node);
            }
        }
        day.sort(Comparator.comparingLong(n -> n.arrival));
        for (final Node node : day) {
            remove(node, listener);
            node.cancelled += node.remaining();
            listener.expired(node);
        }
    }

    @Override
    public void restore(final BookOrder order) {
        final Node node = new Node(order);
        ladder(node.side).append(node);
        ordersById.put(node.orderId, node);
    }

    @Override
    public BookOrder find(final String orderId) {
        return ordersById.get(orderId);
    }

    @Override
    public long bestPrice(final Side side) {
        final Level best = ladder(side).best();
        return best == null ? NewOrder.NO_PRICE : best.price;
    }

    @Override
    public long levelQuantity(final Side side, final long pricePaise) {
        final Level level = ladder(side).find(pricePaise);
        return level == null ? 0 : level.quantity;
    }

    @Override
    public int levelOrderCount(final Side side, final long pricePaise) {
        final Level level = ladder(side).find(pricePaise);
        return level == null ? 0 : level.count;
    }

    @Override
    public void forEachLevel(final Side side, final int maxLevels, final LevelConsumer consumer) {
        final Ladder ladder = ladder(side);
        for (int i = ladder.size - 1, n = 0; i >= 0 && n < maxLevels; i--, n++) {
            final Level level = ladder.levels[i];
            consumer.level(level.price, level.quantity, level.count);
        }
    }

    @Override
    public List<BookOrder> orders(final Side side) {
        final Ladder ladder = ladder(side);
        final List<BookOrder> result = new ArrayList<>();
        for (int i = ladder.size - 1; i >= 0; i--) {
            for (Node node = ladder.levels[i].head; node != null; node = node.next) {
                result.add(node);
            }
        }
        return result;
    }

    @Override
    public int orderCount() {
        return ordersById.size();
    }

    /**
     * Trades {@code taker} against {@code opposite} while prices cross.
     *
     * @return {@code false} when self-trade prevention cancelled the taker
     */
    private boolean match(final Node taker, final long limit, final Ladder opposite, final BookListener listener) {
        while (taker.remaining() > 0) {
            final Level level = opposite.best();
            if (level == null || !crosses(taker.side, limit, level)) {
                return true;
            }
            final Node maker = level.head;
            if (maker.userId.equals(taker.userId)) {
                if (!preventSelfTrade(taker, maker, listener)) {
                    return false;
                }
                continue;
            }
            long quantity = Math.min(taker.remaining(), maker.remaining());
            if (taker.notionalCap != NewOrder.NO_LIMIT) {
                quantity = Math.min(quantity, affordable(taker, level.price));
                if (quantity == 0) {
                    return true;
                }
                taker.spent += quantity * level.price;
            }
            maker.filled += quantity;
            taker.filled += quantity;
            level.quantity -= quantity;
            listener.trade(maker, taker, level.price, quantity);
            if (maker.remaining() == 0) {
                remove(maker, null);
            }
            listener.levelTouched(maker.side, level.price);
        }
        return true;
    }

    /** @return whether the taker may go on matching */
    private boolean preventSelfTrade(final Node taker, final Node maker, final BookListener listener) {
        switch (taker.stp) {
            case CANCEL_NEWEST -> {
                taker.cancelled += taker.remaining();
                listener.cancelled(taker, Reason.SELF_TRADE_PREVENTED);
                return false;
            }
            case CANCEL_OLDEST -> {
                cancelResting(maker, listener);
                return true;
            }
            case CANCEL_BOTH -> {
                cancelResting(maker, listener);
                taker.cancelled += taker.remaining();
                listener.cancelled(taker, Reason.SELF_TRADE_PREVENTED);
                return false;
            }
            case DECREMENT_AND_CANCEL -> {
                final long quantity = Math.min(taker.remaining(), maker.remaining());
                taker.cancelled += quantity;
                if (maker.remaining() == quantity) {
                    cancelResting(maker, listener);
                } else {
                    maker.cancelled += quantity;
                    maker.level.quantity -= quantity;
                    listener.amended(maker, Reason.SELF_TRADE_PREVENTED);
                    listener.levelTouched(maker.side, maker.price);
                }
                if (taker.remaining() == 0) {
                    listener.cancelled(taker, Reason.SELF_TRADE_PREVENTED);
                    return false;
                }
                return true;
            }
            default -> throw new IllegalStateException("unknown self-trade prevention " + taker.stp);
        }
    }

    private void cancelResting(final Node maker, final BookListener listener) {
        remove(maker, listener);
        maker.cancelled += maker.remaining();
        listener.cancelled(maker, Reason.SELF_TRADE_PREVENTED);
    }

    /** The most a capped taker can still buy at {@code price}, on the lot grid. */
    private static long affordable(final Node taker, final long price) {
        final long shares = (taker.notionalCap - taker.spent) / price;
        return shares / taker.lot * taker.lot;
    }

    /**
     * FOK: can the whole quantity fill against other users, within the notional cap, before any own
     * order is reached?
     */
    private static boolean fillable(final Node taker, final long limit, final Ladder opposite) {
        long available = 0;
        long notional = 0;
        for (int i = opposite.size - 1; i >= 0; i--) {
            final Level level = opposite.levels[i];
            if (!crosses(taker.side, limit, level)) {
                return false;
            }
            for (Node node = level.head; node != null; node = node.next) {
                if (node.userId.equals(taker.userId)) {
                    return false;
                }
                final long take = Math.min(node.remaining(), taker.remaining() - available);
                notional += take * level.price;
                if (taker.notionalCap != NewOrder.NO_LIMIT && notional > taker.notionalCap) {
                    return false;
                }
                available += take;
                if (available >= taker.remaining()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void rest(final Node node, final BookListener listener) {
        ladder(node.side).append(node);
        ordersById.put(node.orderId, node);
        listener.levelTouched(node.side, node.price);
    }

    /** Takes an open order out of the book; {@code listener} may be null when the caller reports the level itself. */
    private void remove(final Node node, final BookListener listener) {
        unlink(node, listener);
        ordersById.remove(node.orderId);
    }

    /** Takes an open order out of its level, dropping the level when it empties, but not out of the index by id. */
    private void unlink(final Node node, final BookListener listener) {
        final Level level = node.level;
        level.quantity -= node.remaining();
        level.count--;
        if (node.prev == null) {
            level.head = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            level.tail = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
        node.level = null;
        if (level.count == 0) {
            ladder(node.side).removeLevel(level);
        }
        if (listener != null) {
            listener.levelTouched(node.side, node.price);
        }
    }

    private Ladder ladder(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private static boolean crosses(final Side takerSide, final long limit, final Level level) {
        return takerSide == Side.BUY ? level.price <= limit : level.price >= limit;
    }

    private static boolean wouldTake(final Side side, final long limit, final Level best) {
        return best != null && crosses(side, limit, best);
    }

    /** An order in the book, linked into its level. */
    private static final class Node implements BookOrder {
        private final String orderId;
        private final String userId;
        private final Side side;
        private final OrderType type;
        private final TimeInForce timeInForce;
        private final boolean postOnly;
        private final SelfTradePrevention stp;
        private long price;
        private long quantity;
        private long filled;
        private long cancelled;
        private long arrival;
        private long notionalCap;
        private long spent;
        private long lot = 1;
        private Level level;
        private Node prev;
        private Node next;

        Node(final NewOrder order, final long arrival) {
            this.orderId = order.orderId();
            this.userId = order.userId();
            this.side = order.side();
            this.type = order.type();
            this.timeInForce = order.timeInForce();
            this.postOnly = order.postOnly();
            this.stp = order.selfTradePrevention();
            this.price = order.limitPricePaise();
            this.quantity = order.quantityShares();
            this.arrival = arrival;
        }

        Node(final BookOrder order) {
            this.orderId = order.orderId();
            this.userId = order.userId();
            this.side = order.side();
            this.type = order.type();
            this.timeInForce = order.timeInForce();
            this.postOnly = order.postOnly();
            this.stp = order.selfTradePrevention();
            this.price = order.pricePaise();
            this.quantity = order.quantityShares();
            this.filled = order.filledQuantityShares();
            this.cancelled = order.cancelledQuantityShares();
            this.arrival = order.arrivalSequence();
        }

        long remaining() {
            return quantity - filled - cancelled;
        }

        @Override
        public String orderId() {
            return orderId;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public Side side() {
            return side;
        }

        @Override
        public OrderType type() {
            return type;
        }

        @Override
        public TimeInForce timeInForce() {
            return timeInForce;
        }

        @Override
        public long pricePaise() {
            return price;
        }

        @Override
        public long quantityShares() {
            return quantity;
        }

        @Override
        public long filledQuantityShares() {
            return filled;
        }

        @Override
        public long cancelledQuantityShares() {
            return cancelled;
        }

        @Override
        public long remainingQuantityShares() {
            return remaining();
        }

        @Override
        public long arrivalSequence() {
            return arrival;
        }

        @Override
        public boolean postOnly() {
            return postOnly;
        }

        @Override
        public SelfTradePrevention selfTradePrevention() {
            return stp;
        }
    }

    /** All orders at one price, oldest first. */
    private static final class Level {
        private final long price;
        private long quantity;
        private int count;
        private Node head;
        private Node tail;

        Level(final long price) {
            this.price = price;
        }
    }

    /**
     * One side's levels, sorted so that the best is last, plus a hash index from price to level:
     * reporting a touched level and resting at an existing price then need no search of the array.
     */
    private static final class Ladder {
        private final boolean bids;
        private final LevelIndex index = new LevelIndex();
        private Level[] levels = new Level[64];
        private int size;

        Ladder(final Side side) {
            this.bids = side == Side.BUY;
        }

        Level best() {
            return size == 0 ? null : levels[size - 1];
        }

        Level find(final long price) {
            return index.get(price);
        }

        void append(final Node node) {
            Level level = index.get(node.price);
            if (level == null) {
                final int position = -search(node.price) - 1;
                if (size == levels.length) {
                    levels = java.util.Arrays.copyOf(levels, size * 2);
                }
                System.arraycopy(levels, position, levels, position + 1, size - position);
                level = new Level(node.price);
                levels[position] = level;
                size++;
                index.put(level);
            }
            node.level = level;
            node.prev = level.tail;
            node.next = null;
            if (level.tail == null) {
                level.head = node;
            } else {
                level.tail.next = node;
            }
            level.tail = node;
            level.quantity += node.remaining();
            level.count++;
        }

        void removeLevel(final Level level) {
            final int position = search(level.price);
            System.arraycopy(levels, position + 1, levels, position, size - position - 1);
            levels[--size] = null;
            index.remove(level.price);
        }

        /** Binary search by sort key (ascending: bids by price, asks by negated price). */
        private int search(final long price) {
            final long key = bids ? price : -price;
            int low = 0;
            int high = size - 1;
            // Most lookups hit the best level, which is last.
            if (size > 0 && levels[high].price == price) {
                return high;
            }
            while (low <= high) {
                final int mid = (low + high) >>> 1;
                final long midKey = bids ? levels[mid].price : -levels[mid].price;
                if (midKey < key) {
                    low = mid + 1;
                } else if (midKey > key) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }
    }

    /**
     * Price to level, open addressing with linear probing, at most half full. Removal shifts the
     * following entries of the probe run back, so lookups never meet a tombstone.
     */
    private static final class LevelIndex {
        private long[] prices = new long[128];
        private Level[] levels = new Level[128];
        private int shift = 64 - 7;
        private int size;

        Level get(final long price) {
            final int mask = levels.length - 1;
            for (int i = slot(price); ; i = (i + 1) & mask) {
                final Level level = levels[i];
                if (level == null || prices[i] == price) {
                    return level;
                }
            }
        }

        void put(final Level level) {
            if (2 * (size + 1) > levels.length) {
                resize();
            }
            insert(level);
            size++;
        }

        void remove(final long price) {
            final int mask = levels.length - 1;
            int hole = slot(price);
            while (levels[hole] != null && prices[hole] != price) {
                hole = (hole + 1) & mask;
            }
            if (levels[hole] == null) {
                throw new IllegalStateException("no level at " + price + " in the index");
            }
            levels[hole] = null;
            size--;
            for (int i = (hole + 1) & mask; levels[i] != null; i = (i + 1) & mask) {
                final int home = slot(prices[i]);
                // an entry may fill the hole only if its home slot is not cyclically within (hole, i]
                final boolean stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
                if (!stays) {
                    prices[hole] = prices[i];
                    levels[hole] = levels[i];
                    levels[i] = null;
                    hole = i;
                }
            }
        }

        private void insert(final Level level) {
            final int mask = levels.length - 1;
            int i = slot(level.price);
            while (levels[i] != null) {
                i = (i + 1) & mask;
            }
            prices[i] = level.price;
            levels[i] = level;
        }

        private void resize() {
            final Level[] old = levels;
            prices = new long[old.length * 2];
            levels = new Level[old.length * 2];
            shift--;
            for (final Level level : old) {
                if (level != null) {
                    insert(level);
                }
            }
        }

        /** Fibonacci hashing: nearby prices land far apart. */
        private int slot(final long price) {
            return (int) ((price * 0x9E3779B97F4A7C15L) >>> shift);
        }
    }
}
