package io.bourse.matching.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference book: sorted maps of plain lists, every lookup a scan. Slow and obviously right;
 * the differential test holds {@link FastOrderBook} to the exact events this one produces.
 */
public final class NaiveOrderBook implements OrderBook {

    private final TreeMap<Long, List<Entry>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, List<Entry>> asks = new TreeMap<>();

    @Override
    public Reason place(final NewOrder order, final long arrivalSequence, final long matchLimitPaise,
            final long lotSizeShares, final BookListener listener) {
        if (lookup(order.orderId()) != null) {
            return Reason.DUPLICATE_ORDER_ID;
        }
        final Entry taker = new Entry(order.orderId(), order.userId(), order.side(), order.type(), order.timeInForce(),
                order.limitPricePaise(), order.quantityShares(), 0, 0, arrivalSequence, order.postOnly(),
                order.selfTradePrevention());
        if (order.postOnly() && !crossingMakers(taker.side, matchLimitPaise).isEmpty()) {
            return Reason.POST_ONLY_WOULD_TAKE;
        }
        taker.budget = order.maxNotionalPaise() == NewOrder.NO_LIMIT ? Long.MAX_VALUE : order.maxNotionalPaise();
        taker.lot = lotSizeShares;
        if (order.timeInForce() == TimeInForce.FOK && !canFillEntirely(taker, matchLimitPaise)) {
            taker.cancelled = taker.quantity;
            listener.cancelled(taker, Reason.FOK_NOT_FILLABLE);
            return null;
        }
        final boolean alive = trade(taker, matchLimitPaise, listener);
        if (!alive || taker.remainingQuantityShares() == 0) {
            return null;
        }
        final long left = taker.remainingQuantityShares();
        if (order.type() == OrderType.MARKET) {
            taker.cancelled += left;
            listener.cancelled(taker, taker.filled == 0 ? Reason.NO_LIQUIDITY : Reason.MARKET_REMAINDER_CANCELLED);
        } else if (order.timeInForce() == TimeInForce.IOC || order.timeInForce() == TimeInForce.FOK) {
            taker.cancelled += left;
            listener.cancelled(taker, Reason.IOC_REMAINDER_CANCELLED);
        } else {
            insert(taker);
            listener.levelTouched(taker.side, taker.price);
            listener.resting(taker);
        }
        return null;
    }

    @Override
    public Reason cancel(final String orderId, final String userId, final Reason reason, final BookListener listener) {
        final Entry entry = lookup(orderId);
        if (entry == null) {
            return Reason.UNKNOWN_ORDER;
        }
        if (!entry.userId.equals(userId)) {
            return Reason.NOT_ORDER_OWNER;
        }
        delete(entry);
        listener.levelTouched(entry.side, entry.price);
        entry.cancelled += entry.remainingQuantityShares();
        listener.cancelled(entry, reason);
        return null;
    }

    @Override
    public Reason amend(final String orderId, final long newPricePaise, final long newQuantityShares,
            final long arrivalSequence, final BookListener listener) {
        final Entry entry = lookup(orderId);
        if (entry == null) {
            return Reason.UNKNOWN_ORDER;
        }
        final long newRemaining = newQuantityShares - entry.filled - entry.cancelled;
        if (newRemaining <= 0) {
            return Reason.QUANTITY_OUT_OF_RANGE;
        }
        if (newPricePaise == entry.price && newRemaining <= entry.remainingQuantityShares()) {
            entry.quantity = newQuantityShares;
            listener.amended(entry, null);
            listener.levelTouched(entry.side, entry.price);
            return null;
        }
        if (entry.postOnly && !crossingMakers(entry.side, newPricePaise).isEmpty()) {
            return Reason.POST_ONLY_WOULD_TAKE;
        }
        delete(entry);
        listener.levelTouched(entry.side, entry.price);
        entry.price = newPricePaise;
        entry.quantity = newQuantityShares;
        entry.arrival = arrivalSequence;
        listener.amended(entry, null);
        if (trade(entry, newPricePaise, listener) && entry.remainingQuantityShares() > 0) {
            insert(entry);
            listener.levelTouched(entry.side, entry.price);
            listener.resting(entry);
        }
        return null;
    }

    @Override
    public void expireDayOrders(final BookListener listener) {
        final List<Entry> day = new ArrayList<>();
        for (final Side side : Side.values()) {
            for (final BookOrder order : orders(side)) {
                if (order.timeInForce() == TimeInForce.DAY) {
                    day.add((Entry) order);
                }
            }
        }
        day.sort(Comparator.comparingLong(Entry::arrivalSequence));
        for (final Entry entry : day) {
            delete(entry);
            listener.levelTouched(entry.side, entry.price);
            entry.cancelled += entry.remainingQuantityShares();
            listener.expired(entry);
        }
    }

    @Override
    public void restore(final BookOrder order) {
        insert(new Entry(order.orderId(), order.userId(), order.side(), order.type(), order.timeInForce(),
                order.pricePaise(), order.quantityShares(), order.filledQuantityShares(), order.cancelledQuantityShares(),
                order.arrivalSequence(), order.postOnly(), order.selfTradePrevention()));
    }

    @Override
    public BookOrder find(final String orderId) {
        return lookup(orderId);
    }

    @Override
    public long bestPrice(final Side side) {
        final TreeMap<Long, List<Entry>> levels = levels(side);
        return levels.isEmpty() ? NewOrder.NO_PRICE : levels.firstKey();
    }

    @Override
    public long levelQuantity(final Side side, final long pricePaise) {
        return levels(side).getOrDefault(pricePaise, List.of()).stream()
                .mapToLong(Entry::remainingQuantityShares).sum();
    }

    @Override
    public int levelOrderCount(final Side side, final long pricePaise) {
        return levels(side).getOrDefault(pricePaise, List.of()).size();
    }

    @Override
    public void forEachLevel(final Side side, final int maxLevels, final LevelConsumer consumer) {
        levels(side).entrySet().stream().limit(maxLevels).forEach(e -> consumer.level(e.getKey(),
                e.getValue().stream().mapToLong(Entry::remainingQuantityShares).sum(), e.getValue().size()));
    }

    @Override
    public List<BookOrder> orders(final Side side) {
        final List<BookOrder> result = new ArrayList<>();
        levels(side).values().forEach(result::addAll);
        return result;
    }

    @Override
    public int orderCount() {
        return orders(Side.BUY).size() + orders(Side.SELL).size();
    }

    /** @return {@code false} when self-trade prevention cancelled the taker */
    private boolean trade(final Entry taker, final long limit, final BookListener listener) {
        while (taker.remainingQuantityShares() > 0) {
            final List<Entry> makers = crossingMakers(taker.side, limit);
            if (makers.isEmpty()) {
                return true;
            }
            final Entry maker = makers.get(0);
            if (maker.userId.equals(taker.userId)) {
                if (!selfTrade(taker, maker, listener)) {
                    return false;
                }
                continue;
            }
            final long canPay = taker.budget / maker.price / taker.lot * taker.lot;
            final long quantity = Math.min(canPay, Math.min(taker.remainingQuantityShares(), maker.remainingQuantityShares()));
            if (quantity == 0) {
                return true;
            }
            if (taker.budget != Long.MAX_VALUE) {
                taker.budget -= quantity * maker.price;
            }
            maker.filled += quantity;
            taker.filled += quantity;
            listener.trade(maker, taker, maker.price, quantity);
            if (maker.remainingQuantityShares() == 0) {
                delete(maker);
            }
            listener.levelTouched(maker.side, maker.price);
        }
        return true;
    }

    private boolean selfTrade(final Entry taker, final Entry maker, final BookListener listener) {
        final SelfTradePrevention mode = taker.stp;
        if (mode == SelfTradePrevention.DECREMENT_AND_CANCEL) {
            final long quantity = Math.min(taker.remainingQuantityShares(), maker.remainingQuantityShares());
            taker.cancelled += quantity;
            if (maker.remainingQuantityShares() == quantity) {
                cancelMaker(maker, listener);
            } else {
                maker.cancelled += quantity;
                listener.amended(maker, Reason.SELF_TRADE_PREVENTED);
                listener.levelTouched(maker.side, maker.price);
            }
            if (taker.remainingQuantityShares() == 0) {
                listener.cancelled(taker, Reason.SELF_TRADE_PREVENTED);
                return false;
            }
            return true;
        }
        if (mode == SelfTradePrevention.CANCEL_OLDEST || mode == SelfTradePrevention.CANCEL_BOTH) {
            cancelMaker(maker, listener);
        }
        if (mode == SelfTradePrevention.CANCEL_OLDEST) {
            return true;
        }
        taker.cancelled += taker.remainingQuantityShares();
        listener.cancelled(taker, Reason.SELF_TRADE_PREVENTED);
        return false;
    }

    private void cancelMaker(final Entry maker, final BookListener listener) {
        delete(maker);
        listener.levelTouched(maker.side, maker.price);
        maker.cancelled += maker.remainingQuantityShares();
        listener.cancelled(maker, Reason.SELF_TRADE_PREVENTED);
    }

    private boolean canFillEntirely(final Entry taker, final long limit) {
        long needed = taker.remainingQuantityShares();
        long cost = 0;
        for (final Entry maker : crossingMakers(taker.side, limit)) {
            if (maker.userId.equals(taker.userId)) {
                return false;
            }
            final long take = Math.min(needed, maker.remainingQuantityShares());
            cost += take * maker.price;
            needed -= take;
            if (cost > taker.budget) {
                return false;
            }
            if (needed == 0) {
                return true;
            }
        }
        return false;
    }

    /** Resting orders of the other side that an order at {@code limit} would trade with, in priority order. */
    private List<Entry> crossingMakers(final Side takerSide, final long limit) {
        final List<Entry> result = new ArrayList<>();
        for (final Map.Entry<Long, List<Entry>> level : levels(takerSide.opposite()).entrySet()) {
            final boolean crosses = takerSide == Side.BUY ? level.getKey() <= limit : level.getKey() >= limit;
            if (!crosses) {
                break;
            }
            result.addAll(level.getValue());
        }
        return result;
    }

    private Entry lookup(final String orderId) {
        for (final Side side : Side.values()) {
            for (final List<Entry> level : levels(side).values()) {
                for (final Entry entry : level) {
                    if (entry.orderId.equals(orderId)) {
                        return entry;
                    }
                }
            }
        }
        return null;
    }

    private void insert(final Entry entry) {
        final List<Entry> level = levels(entry.side).computeIfAbsent(entry.price, p -> new ArrayList<>());
        level.add(entry);
        Collections.sort(level, Comparator.comparingLong(Entry::arrivalSequence));
    }

    private void delete(final Entry entry) {
        final List<Entry> level = levels(entry.side).get(entry.price);
        level.remove(entry);
        if (level.isEmpty()) {
            levels(entry.side).remove(entry.price);
        }
    }

    private TreeMap<Long, List<Entry>> levels(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** A plain mutable order. */
    private static final class Entry implements BookOrder {
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
        private long budget = Long.MAX_VALUE;
        private long lot = 1;

        Entry(final String orderId, final String userId, final Side side, final OrderType type,
                final TimeInForce timeInForce, final long price, final long quantity, final long filled,
                final long cancelled, final long arrival, final boolean postOnly, final SelfTradePrevention stp) {
            this.orderId = orderId;
            this.userId = userId;
            this.side = side;
            this.type = type;
            this.timeInForce = timeInForce;
            this.price = price;
            this.quantity = quantity;
            this.filled = filled;
            this.cancelled = cancelled;
            this.arrival = arrival;
            this.postOnly = postOnly;
            this.stp = stp;
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
}
