package io.bourse.marketdata.benchmark;

import java.util.SplittableRandom;

/**
 * A deterministic stream of trades over {@code symbols} symbols: every trade is 20 ms after the
 * previous one (50 trades/s over all symbols), prices random-walk around 1 000.00 rupees, so the
 * candles roll over and the 24h ticker window slides while the benchmark runs.
 */
final class TradeStream {

    static final long START_MS = 1_709_251_200_000L; // 2024-03-01T00:00:00Z
    static final long STEP_MS = 20;

    private final String[] symbols;
    private final long[] lastPrice;
    private final long[] sequence;
    private final SplittableRandom random = new SplittableRandom(42);
    private long count;

    TradeStream(final int symbolCount) {
        symbols = new String[symbolCount];
        lastPrice = new long[symbolCount];
        sequence = new long[symbolCount];
        for (int i = 0; i < symbolCount; i++) {
            symbols[i] = "SYM" + i;
            lastPrice[i] = 1_000_00;
        }
    }

    /** Advances to the next trade; read it with the accessors. */
    int next() {
        final int symbol = (int) (count % symbols.length);
        count++;
        sequence[symbol]++;
        lastPrice[symbol] = Math.max(1, lastPrice[symbol] + random.nextInt(-50, 51));
        return symbol;
    }

    String symbol(final int index) {
        return symbols[index];
    }

    long sequence(final int index) {
        return sequence[index];
    }

    long price(final int index) {
        return lastPrice[index];
    }

    long quantity() {
        return 1 + random.nextInt(500);
    }

    long timeMs() {
        return START_MS + count * STEP_MS;
    }
}
