package io.bourse.matching.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-worked examples of every rule, run against both books. */
class MatchingEngineTest {

    /** RELIANCE-like: tick 5 paise, lot 1, base ₹2,450.00, band ±20%. */
    private static final InstrumentSpec SPEC = new InstrumentSpec("RELIANCE", 5, 1, 1, 100_000, 245_000, 2_000);

    static List<OrderBook> books() {
        return List.of(new FastOrderBook(), new NaiveOrderBook());
    }

    private MatchingEngine engine;
    private RecordingListener out;

    private void use(final OrderBook book) {
        engine = new MatchingEngine(SPEC, book, EngineState.INITIAL);
        out = new RecordingListener();
    }

    private static NewOrder limit(final String id, final String user, final Side side, final long price, final long qty) {
        return order(id, user, side, TimeInForce.GTC, price, qty);
    }

    private static NewOrder order(final String id, final String user, final Side side, final TimeInForce tif,
            final long price, final long qty) {
        return new NewOrder(id, user, side, OrderType.LIMIT, tif, price, qty, false, SelfTradePrevention.CANCEL_NEWEST);
    }

    private static NewOrder market(final String id, final String user, final Side side, final long qty) {
        return new NewOrder(id, user, side, OrderType.MARKET, TimeInForce.IOC, NewOrder.NO_PRICE, qty, false,
                SelfTradePrevention.CANCEL_NEWEST);
    }

    private static NewOrder withStp(final NewOrder o, final SelfTradePrevention stp) {
        return new NewOrder(o.orderId(), o.userId(), o.side(), o.type(), o.timeInForce(), o.limitPricePaise(),
                o.quantityShares(), o.postOnly(), stp);
    }

    private List<String> place(final NewOrder order) {
        engine.place(order, out);
        return out.drain();
    }

    private void seed(final NewOrder... orders) {
        for (final NewOrder order : orders) {
            engine.place(order, out);
        }
        out.drain();
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldRestANonCrossingLimitOrderAndReportTheLevel(final OrderBook book) {
        use(book);
        assertThat(place(limit("b1", "alice", Side.BUY, 244_000, 10))).containsExactly(
                "RESTING b1 alice BUY LIMIT GTC p=244000 q=10 f=0 c=0 r=10 seq=1",
                "LEVEL #1 BUY 244000 10/1");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldFillAtTheRestingPriceInPriceThenTimePriority(final OrderBook book) {
        use(book);
        seed(limit("s1", "bob", Side.SELL, 245_100, 5), limit("s2", "carol", Side.SELL, 245_000, 5),
                limit("s3", "dave", Side.SELL, 245_000, 5));
        assertThat(place(limit("b1", "alice", Side.BUY, 245_100, 12))).containsExactly(
                "TRADE #1 5@245000 maker[s2 carol SELL LIMIT GTC p=245000 q=5 f=5 c=0 r=0 seq=2] taker[b1 alice BUY LIMIT GTC p=245100 q=12 f=5 c=0 r=7 seq=4]",
                "TRADE #2 5@245000 maker[s3 dave SELL LIMIT GTC p=245000 q=5 f=5 c=0 r=0 seq=3] taker[b1 alice BUY LIMIT GTC p=245100 q=12 f=10 c=0 r=2 seq=4]",
                "TRADE #3 2@245100 maker[s1 bob SELL LIMIT GTC p=245100 q=5 f=2 c=0 r=3 seq=1] taker[b1 alice BUY LIMIT GTC p=245100 q=12 f=12 c=0 r=0 seq=4]",
                "LEVEL #4 SELL 245000 0/0",
                "LEVEL #4 SELL 245100 3/1");
        assertThat(engine.referencePricePaise()).isEqualTo(245_100);
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldCancelTheUnfilledRestOfAnIocOrder(final OrderBook book) {
        use(book);
        seed(limit("s1", "bob", Side.SELL, 245_000, 3));
        assertThat(place(order("b1", "alice", Side.BUY, TimeInForce.IOC, 245_000, 5))).containsExactly(
                "TRADE #1 3@245000 maker[s1 bob SELL LIMIT GTC p=245000 q=3 f=3 c=0 r=0 seq=1] taker[b1 alice BUY LIMIT IOC p=245000 q=5 f=3 c=0 r=2 seq=2]",
                "CANCELLED b1 alice BUY LIMIT IOC p=245000 q=5 f=3 c=2 r=0 seq=2 IOC_REMAINDER_CANCELLED",
                "LEVEL #2 SELL 245000 0/0");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldLeaveTheBookUntouchedWhenAFokOrderCannotFillCompletely(final OrderBook book) {
        use(book);
        seed(limit("s1", "bob", Side.SELL, 245_000, 3), limit("s2", "carol", Side.SELL, 245_500, 10));
        assertThat(place(order("b1", "alice", Side.BUY, TimeInForce.FOK, 245_000, 5))).containsExactly(
                "CANCELLED b1 alice BUY LIMIT FOK p=245000 q=5 f=0 c=5 r=0 seq=3 FOK_NOT_FILLABLE");
        assertThat(engine.book().levelQuantity(Side.SELL, 245_000)).isEqualTo(3);
        assertThat(place(order("b2", "alice", Side.BUY, TimeInForce.FOK, 245_500, 13))).hasSize(4)
                .last().isEqualTo("LEVEL #3 SELL 245500 0/0");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldRejectAPostOnlyOrderThatWouldTake(final OrderBook book) {
        use(book);
        seed(limit("s1", "bob", Side.SELL, 245_000, 3));
        final NewOrder taking = new NewOrder("b1", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 245_000, 1, true,
                SelfTradePrevention.CANCEL_NEWEST);
        assertThat(place(taking)).containsExactly("REJECTED b1 POST_ONLY_WOULD_TAKE");
        final NewOrder making = new NewOrder("b2", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 244_995, 1, true,
                SelfTradePrevention.CANCEL_NEWEST);
        assertThat(place(making)).first().asString().startsWith("RESTING b2");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldStopAMarketOrderAtTheBandEdgeAndCancelTheRest(final OrderBook book) {
        use(book);
        // Band around the base price 245000: [196000, 294000].
        seed(limit("s1", "bob", Side.SELL, 290_000, 2), limit("s2", "bob", Side.SELL, 294_000, 2));
        assertThat(place(market("m1", "alice", Side.BUY, 5))).containsExactly(
                "TRADE #1 2@290000 maker[s1 bob SELL LIMIT GTC p=290000 q=2 f=2 c=0 r=0 seq=1] taker[m1 alice BUY MARKET IOC p=0 q=5 f=2 c=0 r=3 seq=3]",
                "TRADE #2 2@294000 maker[s2 bob SELL LIMIT GTC p=294000 q=2 f=2 c=0 r=0 seq=2] taker[m1 alice BUY MARKET IOC p=0 q=5 f=4 c=0 r=1 seq=3]",
                "CANCELLED m1 alice BUY MARKET IOC p=0 q=5 f=4 c=1 r=0 seq=3 MARKET_REMAINDER_CANCELLED",
                "LEVEL #3 SELL 290000 0/0",
                "LEVEL #3 SELL 294000 0/0");
        assertThat(place(market("m2", "alice", Side.BUY, 1))).containsExactly(
                "CANCELLED m2 alice BUY MARKET IOC p=0 q=1 f=0 c=1 r=0 seq=4 NO_LIQUIDITY");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldStopAMarketBuyAtItsNotionalCapOnTheLotGrid(final OrderBook book) {
        engine = new MatchingEngine(new InstrumentSpec("LOTS", 5, 10, 10, 10_000, 10_000, 2_000), book, EngineState.INITIAL);
        out = new RecordingListener();
        seed(limit("s1", "bob", Side.SELL, 10_000, 20), limit("s2", "bob", Side.SELL, 10_500, 50));
        final NewOrder capped = new NewOrder("m1", "alice", Side.BUY, OrderType.MARKET, TimeInForce.IOC, NewOrder.NO_PRICE, 60,
                false, SelfTradePrevention.CANCEL_NEWEST, 500_000);
        // 20 @ 100.00 = 200,000; then 300,000 buys 28.57 shares at 105.00 -> 20 on the lot grid.
        assertThat(place(capped)).containsExactly(
                "TRADE #1 20@10000 maker[s1 bob SELL LIMIT GTC p=10000 q=20 f=20 c=0 r=0 seq=1] taker[m1 alice BUY MARKET IOC p=0 q=60 f=20 c=0 r=40 seq=3]",
                "TRADE #2 20@10500 maker[s2 bob SELL LIMIT GTC p=10500 q=50 f=20 c=0 r=30 seq=2] taker[m1 alice BUY MARKET IOC p=0 q=60 f=40 c=0 r=20 seq=3]",
                "CANCELLED m1 alice BUY MARKET IOC p=0 q=60 f=40 c=20 r=0 seq=3 MARKET_REMAINDER_CANCELLED",
                "LEVEL #3 SELL 10000 0/0",
                "LEVEL #3 SELL 10500 30/1");
        final NewOrder cappedLimit = new NewOrder("x", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10_000, 10,
                false, SelfTradePrevention.CANCEL_NEWEST, 500_000);
        assertThat(place(cappedLimit)).containsExactly("REJECTED x INVALID_ORDER");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldMoveTheBandWithTheLastTradePrice(final OrderBook book) {
        use(book);
        assertThat(place(limit("b1", "alice", Side.BUY, 294_005, 1))).containsExactly("REJECTED b1 PRICE_OUTSIDE_BAND");
        assertThat(place(limit("b2", "alice", Side.BUY, 195_995, 1))).containsExactly("REJECTED b2 PRICE_OUTSIDE_BAND");
        seed(limit("s1", "bob", Side.SELL, 290_000, 1), limit("b3", "alice", Side.BUY, 290_000, 1));
        // Reference is now 290000: the band is [232000, 348000].
        assertThat(place(limit("b4", "alice", Side.BUY, 294_005, 1))).first().asString().startsWith("RESTING b4");
        assertThat(place(limit("b5", "alice", Side.BUY, 231_995, 1))).containsExactly("REJECTED b5 PRICE_OUTSIDE_BAND");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldRejectOffGridAndOutOfRangeInput(final OrderBook book) {
        use(book);
        assertThat(place(limit("a", "alice", Side.BUY, 245_002, 1))).containsExactly("REJECTED a INVALID_PRICE_TICK");
        assertThat(place(limit("b", "alice", Side.BUY, 0, 1))).containsExactly("REJECTED b INVALID_PRICE");
        assertThat(place(limit("c", "alice", Side.BUY, -5, 1))).containsExactly("REJECTED c INVALID_PRICE");
        assertThat(place(limit("d", "alice", Side.BUY, 245_000, 0))).containsExactly("REJECTED d QUANTITY_OUT_OF_RANGE");
        assertThat(place(limit("e", "alice", Side.BUY, 245_000, -3))).containsExactly("REJECTED e QUANTITY_OUT_OF_RANGE");
        assertThat(place(limit("f", "alice", Side.BUY, 245_000, 100_001))).containsExactly("REJECTED f QUANTITY_OUT_OF_RANGE");
        final NewOrder pricedMarket = new NewOrder("g", "alice", Side.BUY, OrderType.MARKET, TimeInForce.IOC, 245_000, 1,
                false, SelfTradePrevention.CANCEL_NEWEST);
        assertThat(place(pricedMarket)).containsExactly("REJECTED g INVALID_ORDER");
        seed(limit("h", "alice", Side.BUY, 245_000, 1));
        assertThat(place(limit("h", "bob", Side.BUY, 244_000, 1))).containsExactly("REJECTED h DUPLICATE_ORDER_ID");
        final MatchingEngine lots = new MatchingEngine(new InstrumentSpec("LOTS", 5, 25, 25, 1_000, 10_000, 1_000),
                new FastOrderBook(), EngineState.INITIAL);
        lots.place(limit("i", "alice", Side.BUY, 10_000, 30), out);
        assertThat(out.drain()).containsExactly("REJECTED i INVALID_QUANTITY_LOT");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldKeepPriorityWhenReducingAndLoseItWhenIncreasingOrRepricing(final OrderBook book) {
        use(book);
        seed(limit("s1", "bob", Side.SELL, 245_000, 10), limit("s2", "carol", Side.SELL, 245_000, 10));
        engine.amend("s1", "bob", NewOrder.NO_PRICE, 4, out);
        assertThat(out.drain()).containsExactly(
                "AMENDED s1 bob SELL LIMIT GTC p=245000 q=4 f=0 c=0 r=4 seq=1", "LEVEL #3 SELL 245000 14/2");
        assertThat(engine.book().orders(Side.SELL)).extracting(BookOrder::orderId).containsExactly("s1", "s2");

        engine.amend("s1", "bob", NewOrder.NO_PRICE, 6, out);
        assertThat(out.drain()).containsExactly(
                "AMENDED s1 bob SELL LIMIT GTC p=245000 q=6 f=0 c=0 r=6 seq=4",
                "RESTING s1 bob SELL LIMIT GTC p=245000 q=6 f=0 c=0 r=6 seq=4", "LEVEL #4 SELL 245000 16/2");
        assertThat(engine.book().orders(Side.SELL)).extracting(BookOrder::orderId).containsExactly("s2", "s1");

        engine.amend("s2", "carol", 245_500, 0, out);
        assertThat(out.drain()).containsExactly(
                "AMENDED s2 carol SELL LIMIT GTC p=245500 q=10 f=0 c=0 r=10 seq=5",
                "RESTING s2 carol SELL LIMIT GTC p=245500 q=10 f=0 c=0 r=10 seq=5",
                "LEVEL #5 SELL 245000 6/1", "LEVEL #5 SELL 245500 10/1");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldTradeWhenAnAmendMovesAnOrderAcrossTheSpread(final OrderBook book) {
        use(book);
        seed(limit("s1", "bob", Side.SELL, 245_000, 4), limit("b1", "alice", Side.BUY, 244_000, 10));
        engine.amend("b1", "alice", 245_000, 0, out);
        assertThat(out.drain()).containsExactly(
                "AMENDED b1 alice BUY LIMIT GTC p=245000 q=10 f=0 c=0 r=10 seq=3",
                "TRADE #1 4@245000 maker[s1 bob SELL LIMIT GTC p=245000 q=4 f=4 c=0 r=0 seq=1] taker[b1 alice BUY LIMIT GTC p=245000 q=10 f=4 c=0 r=6 seq=3]",
                "RESTING b1 alice BUY LIMIT GTC p=245000 q=10 f=4 c=0 r=6 seq=3",
                "LEVEL #3 BUY 244000 0/0", "LEVEL #3 SELL 245000 0/0", "LEVEL #3 BUY 245000 6/1");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldRejectAmendsAndCancelsOfUnknownOrForeignOrders(final OrderBook book) {
        use(book);
        seed(limit("b1", "alice", Side.BUY, 244_000, 10), limit("s1", "bob", Side.SELL, 244_000, 10));
        engine.amend("b1", "alice", NewOrder.NO_PRICE, 5, out);
        engine.amend("nope", "alice", 244_000, 0, out);
        engine.cancel("b1", "alice", Reason.USER_CANCELLED, out);
        engine.cancel("nope", "alice", Reason.USER_CANCELLED, out);
        assertThat(out.drain()).containsExactly(
                "AMEND_REJECTED b1 UNKNOWN_ORDER", "AMEND_REJECTED nope UNKNOWN_ORDER",
                "CANCEL_REJECTED b1 UNKNOWN_ORDER", "CANCEL_REJECTED nope UNKNOWN_ORDER");
        seed(limit("b2", "alice", Side.BUY, 243_000, 10));
        engine.cancel("b2", "mallory", Reason.USER_CANCELLED, out);
        engine.amend("b2", "mallory", 243_005, 0, out);
        engine.amend("b2", "alice", 243_005, 1_000_000, out);
        engine.amend("b2", "alice", NewOrder.NO_PRICE, 0, out);
        assertThat(out.drain()).containsExactly(
                "CANCEL_REJECTED b2 NOT_ORDER_OWNER", "AMEND_REJECTED b2 NOT_ORDER_OWNER",
                "AMEND_REJECTED b2 QUANTITY_OUT_OF_RANGE", "AMEND_REJECTED b2 INVALID_ORDER");
        engine.cancel("b2", "alice", Reason.USER_CANCELLED, out);
        assertThat(out.drain()).containsExactly(
                "CANCELLED b2 alice BUY LIMIT GTC p=243000 q=10 f=0 c=10 r=0 seq=3 USER_CANCELLED", "LEVEL #4 BUY 243000 0/0");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldPreventSelfTradesInEveryMode(final OrderBook book) {
        use(book);
        seed(limit("s1", "alice", Side.SELL, 245_000, 5), limit("s2", "bob", Side.SELL, 245_000, 5));
        assertThat(place(withStp(limit("n", "alice", Side.BUY, 245_000, 3), SelfTradePrevention.CANCEL_NEWEST)))
                .containsExactly("CANCELLED n alice BUY LIMIT GTC p=245000 q=3 f=0 c=3 r=0 seq=3 SELF_TRADE_PREVENTED");

        assertThat(place(withStp(limit("o", "alice", Side.BUY, 245_000, 3), SelfTradePrevention.CANCEL_OLDEST)))
                .containsExactly(
                        "CANCELLED s1 alice SELL LIMIT GTC p=245000 q=5 f=0 c=5 r=0 seq=1 SELF_TRADE_PREVENTED",
                        "TRADE #1 3@245000 maker[s2 bob SELL LIMIT GTC p=245000 q=5 f=3 c=0 r=2 seq=2] taker[o alice BUY LIMIT GTC p=245000 q=3 f=3 c=0 r=0 seq=4]",
                        "LEVEL #3 SELL 245000 2/1");

        seed(limit("s3", "carol", Side.SELL, 245_005, 5), limit("s4", "carol", Side.SELL, 245_010, 5));
        assertThat(place(withStp(limit("b", "carol", Side.BUY, 245_010, 4), SelfTradePrevention.CANCEL_BOTH)))
                .containsExactly(
                        "TRADE #2 2@245000 maker[s2 bob SELL LIMIT GTC p=245000 q=5 f=5 c=0 r=0 seq=2] taker[b carol BUY LIMIT GTC p=245010 q=4 f=2 c=0 r=2 seq=7]",
                        "CANCELLED s3 carol SELL LIMIT GTC p=245005 q=5 f=0 c=5 r=0 seq=5 SELF_TRADE_PREVENTED",
                        "CANCELLED b carol BUY LIMIT GTC p=245010 q=4 f=2 c=2 r=0 seq=7 SELF_TRADE_PREVENTED",
                        "LEVEL #6 SELL 245000 0/0", "LEVEL #6 SELL 245005 0/0");

        assertThat(place(withStp(limit("d", "carol", Side.BUY, 245_010, 2), SelfTradePrevention.DECREMENT_AND_CANCEL)))
                .containsExactly(
                        "AMENDED s4 carol SELL LIMIT GTC p=245010 q=5 f=0 c=2 r=3 seq=6 SELF_TRADE_PREVENTED",
                        "CANCELLED d carol BUY LIMIT GTC p=245010 q=2 f=0 c=2 r=0 seq=8 SELF_TRADE_PREVENTED",
                        "LEVEL #7 SELL 245010 3/1");
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldAcceptOnlyCancelsWhileHaltedAndExpireDayOrdersAtTheClose(final OrderBook book) {
        use(book);
        seed(order("d1", "alice", Side.BUY, TimeInForce.DAY, 244_000, 5), limit("g1", "bob", Side.BUY, 243_000, 5),
                order("d2", "carol", Side.SELL, TimeInForce.DAY, 246_000, 5));
        engine.halt(out);
        engine.place(limit("x", "alice", Side.BUY, 244_000, 1), out);
        engine.amend("g1", "bob", 243_500, 0, out);
        engine.cancel("g1", "bob", Reason.USER_CANCELLED, out);
        assertThat(out.drain()).containsExactly("STATUS HALTED", "REJECTED x INSTRUMENT_HALTED",
                "AMEND_REJECTED g1 INSTRUMENT_HALTED",
                "CANCELLED g1 bob BUY LIMIT GTC p=243000 q=5 f=0 c=5 r=0 seq=2 USER_CANCELLED", "LEVEL #4 BUY 243000 0/0");

        engine.resume(out);
        engine.closeSession(out);
        engine.place(limit("y", "alice", Side.BUY, 244_000, 1), out);
        assertThat(out.drain()).containsExactly("STATUS TRADING",
                "EXPIRED d1 alice BUY LIMIT DAY p=244000 q=5 f=0 c=5 r=0 seq=1",
                "EXPIRED d2 carol SELL LIMIT DAY p=246000 q=5 f=0 c=5 r=0 seq=3",
                "LEVEL #5 BUY 244000 0/0", "LEVEL #5 SELL 246000 0/0",
                "STATUS CLOSED", "REJECTED y INSTRUMENT_CLOSED");
        assertThat(engine.book().orderCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("books")
    void shouldResumeFromRestoredOrdersAndStateWithIdenticalResults(final OrderBook book) {
        use(book);
        seed(limit("s1", "bob", Side.SELL, 245_000, 5), limit("s2", "carol", Side.SELL, 245_000, 5),
                limit("b1", "alice", Side.BUY, 244_000, 5));
        engine.amend("s1", "bob", NewOrder.NO_PRICE, 7, out);
        out.drain();

        final OrderBook restored = book instanceof FastOrderBook ? new FastOrderBook() : new NaiveOrderBook();
        engine.book().orders(Side.BUY).forEach(restored::restore);
        engine.book().orders(Side.SELL).stream()
                .sorted(java.util.Comparator.comparingLong(BookOrder::arrivalSequence))
                .forEach(restored::restore);
        final MatchingEngine twin = new MatchingEngine(SPEC, restored, engine.state());
        final RecordingListener twinOut = new RecordingListener();

        engine.place(limit("b2", "dave", Side.BUY, 245_000, 9), out);
        twin.place(limit("b2", "dave", Side.BUY, 245_000, 9), twinOut);
        assertThat(twinOut.drain()).isEqualTo(out.drain()).isNotEmpty();
    }
}
