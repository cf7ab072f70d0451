package io.bourse.marketdata.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.marketdata.core.CandleAggregation;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.DepthBook;
import io.bourse.marketdata.core.DepthLevel;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.PricePoint;
import io.bourse.marketdata.core.Side;
import io.bourse.marketdata.core.TapeTrade;
import io.bourse.marketdata.core.TickerState;
import io.bourse.marketdata.core.TradeProgress;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

    private static final Ohlcv OHLCV = new Ohlcv(new PricePoint(100, 1_000, 1), 120, 90, new PricePoint(110, 5_000, 7), 42, 4_321, 7);

    private static <T> T roundTrip(final Serde<T> serde, final T value) {
        final byte[] bytes = serde.serializer().serialize("changelog", value);
        assertThat(bytes[0]).as("format version").isEqualTo((byte) 1);
        return serde.deserializer().deserialize("changelog", bytes);
    }

    @Test
    void shouldRoundTripEveryStateType() {
        assertThat(roundTrip(StateSerdes.OHLCV, OHLCV)).isEqualTo(OHLCV);
        assertThat(roundTrip(StateSerdes.TRADE_PROGRESS, new TradeProgress(9, 123_456, 3))).isEqualTo(new TradeProgress(9, 123_456, 3));
        assertThat(roundTrip(StateSerdes.TRADE_PROGRESS, TradeProgress.NONE)).isEqualTo(TradeProgress.NONE);
        final TapeTrade trade = new TapeTrade("RELIANCE-9", 9, 1_000, 2_500_00, 10, Side.SELL);
        assertThat(roundTrip(StateSerdes.TAPE_TRADE, trade)).isEqualTo(trade);
    }

    @Test
    void shouldRoundTripTickerStatesWithAndWithoutOptionalParts() {
        final TickerState full = new TickerState(9_000, OHLCV, new PricePoint(95, 10, 0), 99L, 101L);
        final TickerState partial = new TickerState(9_000, null, new PricePoint(95, 10, 0), null, 101L);

        assertThat(roundTrip(StateSerdes.TICKER_STATE, full)).isEqualTo(full);
        assertThat(roundTrip(StateSerdes.TICKER_STATE, partial)).isEqualTo(partial);
        assertThat(roundTrip(StateSerdes.TICKER_STATE, TickerState.EMPTY)).isEqualTo(TickerState.EMPTY);
    }

    @Test
    void shouldRoundTripUnpublishedCandles() {
        final UnpublishedCandles some = UnpublishedCandles.NONE
                .with(List.of(new CandleAggregation.Target(CandleInterval.M1, 60_000), new CandleAggregation.Target(CandleInterval.D1, -19_800_000)), 61_000)
                .with(List.of(new CandleAggregation.Target(CandleInterval.M1, 120_000)), 121_000);

        assertThat(some.windows()).containsOnlyKeys(CandleInterval.M1, CandleInterval.D1);
        assertThat(some.windows().get(CandleInterval.M1)).isEqualTo(new UnpublishedCandles.WindowRange(60_000, 120_000));
        assertThat(roundTrip(StateSerdes.UNPUBLISHED_CANDLES, some)).isEqualTo(some);
        assertThat(roundTrip(StateSerdes.UNPUBLISHED_CANDLES, UnpublishedCandles.NONE)).isEqualTo(UnpublishedCandles.NONE);
    }

    @Test
    void shouldRoundTripADepthBookWithItsGapRecord() {
        final DepthBook book = DepthBook.restore(12, 2, 10,
                List.of(new DepthLevel(99, 5, 1), new DepthLevel(98, 7, 2)), List.of(new DepthLevel(101, 3, 1)));

        final DepthBook copy = roundTrip(StateSerdes.DEPTH_BOOK, book);

        assertThat(copy.snapshot(10)).isEqualTo(book.snapshot(10));
        assertThat(copy.gapCount()).isEqualTo(2);
        assertThat(copy.lastGapSequence()).isEqualTo(10);
    }

    @Test
    void shouldRejectUnknownFormatVersionsAndTrailingBytes() {
        final byte[] bytes = StateSerdes.OHLCV.serializer().serialize("changelog", OHLCV);
        final byte[] future = bytes.clone();
        future[0] = 2;
        final byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);

        assertThatThrownBy(() -> StateSerdes.OHLCV.deserializer().deserialize("changelog", future))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> StateSerdes.OHLCV.deserializer().deserialize("changelog", trailing))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Trailing");
        assertThat(StateSerdes.OHLCV.deserializer().deserialize("changelog", null)).isNull();
    }
}
