package io.bourse.marketdata.topology;

import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.DepthBook;
import io.bourse.marketdata.core.DepthLevel;
import io.bourse.marketdata.core.Ohlcv;
import io.bourse.marketdata.core.PricePoint;
import io.bourse.marketdata.core.Side;
import io.bourse.marketdata.core.TapeTrade;
import io.bourse.marketdata.core.TickerState;
import io.bourse.marketdata.core.TradeProgress;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serdes of the internal store values (format version 1 each). They hold state only this topology
 * reads, so they need no schema registry; the public types (candles, tickers) go out as Avro.
 */
final class StateSerdes {

    private static final int V1 = 1;

    /** Candles and ticker minute buckets: 11 longs. */
    static final Serde<Ohlcv> OHLCV = new BinarySerde<>("Ohlcv", V1,
            StateSerdes::writeOhlcv, (in, version) -> readOhlcv(in));

    /** Per-symbol trade progress: 3 longs. */
    static final Serde<TradeProgress> TRADE_PROGRESS = new BinarySerde<>("TradeProgress", V1,
            (out, p) -> {
                out.writeLong(p.lastSequence());
                out.writeLong(p.watermarkMs());
                out.writeLong(p.tradeCount());
            },
            (in, version) -> new TradeProgress(in.readLong(), in.readLong(), in.readLong()));

    /** Rolling ticker state: time, presence flags, then the present parts. */
    static final Serde<TickerState> TICKER_STATE = new BinarySerde<>("TickerState", V1,
            StateSerdes::writeTicker, (in, version) -> readTicker(in));

    /** One tape trade. */
    static final Serde<TapeTrade> TAPE_TRADE = new BinarySerde<>("TapeTrade", V1,
            (out, t) -> {
                out.writeUTF(t.tradeId());
                out.writeLong(t.sequence());
                out.writeLong(t.timeMs());
                out.writeLong(t.pricePaise());
                out.writeLong(t.quantityShares());
                out.writeByte(t.aggressorSide().ordinal());
            },
            (in, version) -> new TapeTrade(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    side(in.readUnsignedByte())));

    /** A depth book: sequence, gap record, then bids and asks best first. */
    static final Serde<DepthBook> DEPTH_BOOK = new BinarySerde<>("DepthBook", V1,
            (out, book) -> {
                out.writeLong(book.lastSequence());
                out.writeLong(book.gapCount());
                out.writeLong(book.lastGapSequence());
                writeLevels(out, book.bids());
                writeLevels(out, book.asks());
            },
            (in, version) -> DepthBook.restore(in.readLong(), in.readLong(), in.readLong(), readLevels(in), readLevels(in)));

    /** A symbol's unpublished candle windows: record timestamp, count, then interval, first and last start each. */
    static final Serde<UnpublishedCandles> UNPUBLISHED_CANDLES = new BinarySerde<>("UnpublishedCandles", V1,
            (out, u) -> {
                out.writeLong(u.timestampMs());
                out.writeByte(u.windows().size());
                for (final Map.Entry<CandleInterval, UnpublishedCandles.WindowRange> window : u.windows().entrySet()) {
                    out.writeByte(window.getKey().ordinal());
                    out.writeLong(window.getValue().firstStartMs());
                    out.writeLong(window.getValue().lastStartMs());
                }
            },
            (in, version) -> {
                final long timestamp = in.readLong();
                final int count = in.readUnsignedByte();
                final Map<CandleInterval, UnpublishedCandles.WindowRange> windows = new EnumMap<>(CandleInterval.class);
                for (int i = 0; i < count; i++) {
                    windows.put(interval(in.readUnsignedByte()), new UnpublishedCandles.WindowRange(in.readLong(), in.readLong()));
                }
                return new UnpublishedCandles(windows, timestamp);
            });

    private static final int HAS_WINDOW = 1;
    private static final int HAS_REFERENCE = 2;
    private static final int HAS_BID = 4;
    private static final int HAS_ASK = 8;

    private StateSerdes() {
    }

    private static void writeOhlcv(final DataOutputStream out, final Ohlcv o) throws IOException {
        writePoint(out, o.open());
        out.writeLong(o.highPricePaise());
        out.writeLong(o.lowPricePaise());
        writePoint(out, o.close());
        out.writeLong(o.volumeShares());
        out.writeLong(o.turnoverPaise());
        out.writeLong(o.tradeCount());
    }

    private static Ohlcv readOhlcv(final DataInputStream in) throws IOException {
        return new Ohlcv(readPoint(in), in.readLong(), in.readLong(), readPoint(in), in.readLong(), in.readLong(), in.readLong());
    }

    private static void writePoint(final DataOutputStream out, final PricePoint p) throws IOException {
        out.writeLong(p.pricePaise());
        out.writeLong(p.timeMs());
        out.writeLong(p.sequence());
    }

    private static PricePoint readPoint(final DataInputStream in) throws IOException {
        return new PricePoint(in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeTicker(final DataOutputStream out, final TickerState s) throws IOException {
        out.writeLong(s.nowMs());
        out.writeByte((s.window() != null ? HAS_WINDOW : 0) | (s.reference() != null ? HAS_REFERENCE : 0)
                | (s.bestBidPaise() != null ? HAS_BID : 0) | (s.bestAskPaise() != null ? HAS_ASK : 0));
        if (s.window() != null) {
            writeOhlcv(out, s.window());
        }
        if (s.reference() != null) {
            writePoint(out, s.reference());
        }
        if (s.bestBidPaise() != null) {
            out.writeLong(s.bestBidPaise());
        }
        if (s.bestAskPaise() != null) {
            out.writeLong(s.bestAskPaise());
        }
    }

    private static TickerState readTicker(final DataInputStream in) throws IOException {
        final long now = in.readLong();
        final int flags = in.readUnsignedByte();
        final Ohlcv window = (flags & HAS_WINDOW) != 0 ? readOhlcv(in) : null;
        final PricePoint reference = (flags & HAS_REFERENCE) != 0 ? readPoint(in) : null;
        final Long bid = (flags & HAS_BID) != 0 ? in.readLong() : null;
        final Long ask = (flags & HAS_ASK) != 0 ? in.readLong() : null;
        return new TickerState(now, window, reference, bid, ask);
    }

    private static void writeLevels(final DataOutputStream out, final List<DepthLevel> levels) throws IOException {
        out.writeInt(levels.size());
        for (final DepthLevel level : levels) {
            out.writeLong(level.pricePaise());
            out.writeLong(level.quantityShares());
            out.writeInt(level.orderCount());
        }
    }

    private static List<DepthLevel> readLevels(final DataInputStream in) throws IOException {
        final int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative level count " + count);
        }
        final List<DepthLevel> levels = new ArrayList<>(Math.min(count, 4_096));
        for (int i = 0; i < count; i++) {
            levels.add(new DepthLevel(in.readLong(), in.readLong(), in.readInt()));
        }
        return levels;
    }

    private static Side side(final int ordinal) throws IOException {
        final Side[] sides = Side.values();
        if (ordinal >= sides.length) {
            throw new IOException("unknown side " + ordinal);
        }
        return sides[ordinal];
    }

    private static CandleInterval interval(final int ordinal) throws IOException {
        final CandleInterval[] intervals = CandleInterval.values();
        if (ordinal >= intervals.length) {
            throw new IOException("unknown candle interval " + ordinal);
        }
        return intervals[ordinal];
    }
}
