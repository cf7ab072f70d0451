package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.testing.Seeded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingTickerTest {

    private static final long DAY1_1000 = Instant.parse("2024-03-01T10:00:30Z").toEpochMilli();

    private final TreeMapMinuteBuckets buckets = new TreeMapMinuteBuckets();
    private TickerState state = TickerState.EMPTY;
    private long sequence;

    private TickerView trade(final String instant, final long price, final long quantity) {
        state = RollingTicker.onTrade(state, new TradeTick(++sequence, Instant.parse(instant).toEpochMilli(), price, quantity), buckets);
        return TickerView.of(state).orElseThrow();
    }

    @Test
    void shouldReadAQuietSymbolAsOfNowWithoutChangingItsState() {
        trade("2024-03-01T10:00:30Z", 100_00, 10);
        trade("2024-03-01T10:05:00Z", 104_00, 3);
        final TickerState stored = state;
        final long dayLater = Instant.parse("2024-03-02T10:06:00Z").toEpochMilli();

        final TickerView view = TickerView.of(RollingTicker.asOf(stored, dayLater, buckets)).orElseThrow();

        assertThat(view.volumeShares()).isZero();
        assertThat(view.tradeCount()).isZero();
        assertThat(view.lastPricePaise()).isEqualTo(104_00);
        assertThat(view.highPricePaise()).isEqualTo(104_00);
        assertThat(view.lowPricePaise()).isEqualTo(104_00);
        assertThat(view.referencePricePaise()).isEqualTo(104_00);
        assertThat(view.changePaise()).isZero();
        assertThat(buckets.size()).as("a read removes no bucket").isEqualTo(2);
        assertThat(RollingTicker.asOf(stored, stored.nowMs() - 1, buckets)).as("an earlier time changes nothing").isSameAs(stored);
    }

    @Test
    void shouldReadAtAnyTimeWhatAdvancingToItWouldGive() {
        final long seed = Long.getLong(Seeded.SEED_PROPERTY, System.nanoTime());
        System.out.println("RollingTickerTest asOf seed=" + seed + " (replay with -D" + Seeded.SEED_PROPERTY + "=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        long time = DAY1_1000;
        for (int i = 0; i < 300; i++) {
            time += random.nextLong(1, 20 * RollingTicker.MINUTE_MS);
            state = RollingTicker.onTrade(state, new TradeTick(++sequence, time, random.nextLong(90_00, 110_00),
                    random.nextLong(1, 50)), buckets);
            final long query = time + random.nextLong(0, 3 * RollingTicker.WINDOW_MINUTES * RollingTicker.MINUTE_MS);
            final TreeMapMinuteBuckets copy = new TreeMapMinuteBuckets();
            buckets.from(Long.MIN_VALUE).forEach(b -> copy.put(RollingTicker.minute(b.open().timeMs()), b));

            assertThat(RollingTicker.asOf(state, query, buckets)).as("seed %d, trade %d", seed, i)
                    .isEqualTo(RollingTicker.advanceTo(state, query, copy));
        }
    }

    @Test
    void shouldHaveNoTickerBeforeTheFirstTrade() {
        state = RollingTicker.onQuotes(state, 100L, 101L, DAY1_1000, buckets);

        assertThat(TickerView.of(state)).isEmpty();
    }

    @Test
    void shouldUseFirstTradeInWindowAsReferenceWithoutEarlierHistory() {
        trade("2024-03-01T10:00:30Z", 100_00, 10);
        final TickerView view = trade("2024-03-01T11:00:00Z", 110_00, 5);

        assertThat(view.referencePricePaise()).isEqualTo(100_00);
        assertThat(view.lastPricePaise()).isEqualTo(110_00);
        assertThat(view.changePaise()).isEqualTo(10_00);
        assertThat(view.changeBasisPoints()).isEqualTo(1_000);
        assertThat(view.highPricePaise()).isEqualTo(110_00);
        assertThat(view.lowPricePaise()).isEqualTo(100_00);
        assertThat(view.volumeShares()).isEqualTo(15);
        assertThat(view.turnoverPaise()).isEqualTo(100_00 * 10 + 110_00 * 5);
        assertThat(view.tradeCount()).isEqualTo(2);
        assertThat(view.timeMs()).isEqualTo(Instant.parse("2024-03-01T11:00:00Z").toEpochMilli());
    }

    @Test
    void shouldKeepATradeUntilItsMinuteLeavesTheWindow() {
        trade("2024-03-01T10:00:30Z", 100_00, 10);

        // 10:00 of day 1 is the 1440th minute back from 09:59 of day 2: still inside.
        final TickerView stillInside = trade("2024-03-02T09:59:59Z", 110_00, 1);
        assertThat(stillInside.volumeShares()).isEqualTo(11);
        assertThat(stillInside.referencePricePaise()).isEqualTo(100_00);

        // From 10:00 of day 2 the window starts at 10:01 of day 1: the first trade becomes the reference.
        final TickerView afterEviction = trade("2024-03-02T10:00:00Z", 120_00, 2);
        assertThat(afterEviction.volumeShares()).isEqualTo(3);
        assertThat(afterEviction.tradeCount()).isEqualTo(2);
        assertThat(afterEviction.lowPricePaise()).isEqualTo(110_00);
        assertThat(afterEviction.highPricePaise()).isEqualTo(120_00);
        assertThat(afterEviction.referencePricePaise()).isEqualTo(100_00);
        assertThat(afterEviction.changeBasisPoints()).isEqualTo(2_000);
        assertThat(buckets.size()).isEqualTo(2);
    }

    @Test
    void shouldTakeLastTradeBeforeTheWindowAsReference() {
        trade("2024-03-01T09:00:00Z", 90_00, 1);
        trade("2024-03-01T09:30:00Z", 95_00, 1);
        trade("2024-03-01T12:00:00Z", 100_00, 1);
        final TickerView view = trade("2024-03-02T10:00:00Z", 104_00, 1);

        assertThat(view.referencePricePaise()).isEqualTo(95_00);
        assertThat(view.changePaise()).isEqualTo(9_00);
        assertThat(view.volumeShares()).isEqualTo(2);
        assertThat(view.lowPricePaise()).isEqualTo(100_00);
    }

    @Test
    void shouldShowAnEmptyWindowAfterAnIdleDay() {
        trade("2024-03-01T10:00:00Z", 100_00, 7);

        state = RollingTicker.onQuotes(state, 99_00L, null, Instant.parse("2024-03-03T10:00:00Z").toEpochMilli(), buckets);
        final TickerView view = TickerView.of(state).orElseThrow();

        assertThat(view.lastPricePaise()).isEqualTo(100_00);
        assertThat(view.referencePricePaise()).isEqualTo(100_00);
        assertThat(view.changePaise()).isZero();
        assertThat(view.highPricePaise()).isEqualTo(100_00);
        assertThat(view.lowPricePaise()).isEqualTo(100_00);
        assertThat(view.volumeShares()).isZero();
        assertThat(view.tradeCount()).isZero();
        assertThat(view.bestBidPaise()).isEqualTo(99_00);
        assertThat(view.bestAskPaise()).isNull();
        assertThat(buckets.size()).isZero();
    }

    @Test
    void shouldCountALateTradeInsideTheWindowAndLetAnOlderOneSetTheReference() {
        trade("2024-03-01T10:00:00Z", 100_00, 1);
        trade("2024-03-02T12:00:00Z", 110_00, 1);

        final TickerView lateInside = trade("2024-03-01T13:00:00Z", 90_00, 4);
        assertThat(lateInside.volumeShares()).isEqualTo(5);
        assertThat(lateInside.lowPricePaise()).isEqualTo(90_00);
        assertThat(lateInside.lastPricePaise()).isEqualTo(110_00);

        final TickerView lateBefore = trade("2024-03-01T11:00:00Z", 80_00, 9);
        assertThat(lateBefore.volumeShares()).isEqualTo(5);
        assertThat(lateBefore.referencePricePaise()).isEqualTo(80_00);
    }

    @Test
    void shouldRoundBasisPointsHalfAwayFromZero() {
        assertThat(TickerView.basisPoints(1, 20_000)).isEqualTo(1);
        assertThat(TickerView.basisPoints(-1, 20_000)).isEqualTo(-1);
        assertThat(TickerView.basisPoints(3, 20_000)).isEqualTo(2);
        assertThat(TickerView.basisPoints(-3, 20_000)).isEqualTo(-2);
        assertThat(TickerView.basisPoints(1, 30_000)).isZero();
        assertThat(TickerView.basisPoints(-1, 30_000)).isZero();
        assertThat(TickerView.basisPoints(-150, 10_000)).isEqualTo(-150);
        assertThat(TickerView.basisPoints(5, 0)).isZero();
    }

    /** Differential test: the incremental ticker against the definition applied to every trade kept in a list. */
    @Test
    void shouldMatchTheNaiveDefinition() {
        Seeded.check(300, events(), events -> {
            final MinuteBuckets minutes = new TreeMapMinuteBuckets();
            TickerState ticker = TickerState.EMPTY;
            final List<TradeTick> seen = new ArrayList<>();
            long now = Long.MIN_VALUE;
            long time = DAY1_1000;
            for (final long[] event : events) {
                time += event[1];
                if (event[0] == 0) {
                    final TradeTick trade = new TradeTick(seen.size() + 1, time, event[2], event[3]);
                    seen.add(trade);
                    ticker = RollingTicker.onTrade(ticker, trade, minutes);
                } else {
                    ticker = RollingTicker.onQuotes(ticker, event[2], null, time, minutes);
                }
                now = Math.max(now, time);
                assertThat(TickerView.of(ticker).map(RollingTickerTest::withoutQuotes)).isEqualTo(naive(seen, now));
            }
        });
    }

    private static TickerView withoutQuotes(final TickerView v) {
        return new TickerView(v.lastPricePaise(), v.referencePricePaise(), v.changePaise(), v.changeBasisPoints(),
                v.highPricePaise(), v.lowPricePaise(), v.volumeShares(), v.turnoverPaise(), v.tradeCount(), null, null, v.timeMs());
    }

    private static Optional<TickerView> naive(final List<TradeTick> trades, final long now) {
        if (trades.isEmpty()) {
            return Optional.empty();
        }
        final long start = Math.floorDiv(now, 60_000L) - 1439;
        final Comparator<TradeTick> byTime = Comparator.comparingLong(TradeTick::timeMs).thenComparingLong(TradeTick::sequence);
        final List<TradeTick> inside = trades.stream().filter(t -> Math.floorDiv(t.timeMs(), 60_000L) >= start).toList();
        final Optional<TradeTick> before = trades.stream().filter(t -> Math.floorDiv(t.timeMs(), 60_000L) < start).max(byTime);
        final long last = inside.isEmpty() ? before.orElseThrow().pricePaise() : inside.stream().max(byTime).orElseThrow().pricePaise();
        final long reference = before.map(TradeTick::pricePaise).orElseGet(() -> inside.stream().min(byTime).orElseThrow().pricePaise());
        final long high = inside.stream().mapToLong(TradeTick::pricePaise).max().orElse(last);
        final long low = inside.stream().mapToLong(TradeTick::pricePaise).min().orElse(last);
        return Optional.of(new TickerView(last, reference, last - reference, TickerView.basisPoints(last - reference, reference),
                high, low, inside.stream().mapToLong(TradeTick::quantityShares).sum(),
                inside.stream().mapToLong(TradeTick::turnoverPaise).sum(), inside.size(), null, null, now));
    }

    /** Up to 60 events {kind (0 trade, 1 quote), time step, price, quantity}; steps mix seconds, hours and late jumps back. */
    private static Seeded.Gen<List<long[]>> events() {
        final Seeded.Gen<Long> step = Seeded.frequency(
                Seeded.weight(6, Seeded.longs(0, 120_000)),
                Seeded.weight(3, Seeded.longs(0, 30 * 3_600_000L)),
                Seeded.weight(2, Seeded.longs(-26 * 3_600_000L, 0)));
        final Seeded.Gen<Long> price = Seeded.longs(1, 1_000);
        final Seeded.Gen<Long> quantity = Seeded.longs(1, 50);
        final Seeded.Gen<long[]> event = random -> new long[] {
            random.nextInt(5) == 0 ? 1 : 0, step.next(random), price.next(random), quantity.next(random)};
        return Seeded.lists(event, 0, 60);
    }
}
