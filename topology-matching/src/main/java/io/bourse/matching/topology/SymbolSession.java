package io.bourse.matching.topology;

import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.matching.MatchingSymbolSnapshot;
import io.bourse.matching.core.EngineState;
import io.bourse.matching.core.MatchingEngine;

/** One symbol as the processor holds it in memory: its engine, instrument, result sequence and clock. */
final class SymbolSession {

    private final MatchingEngine engine;
    private Instrument instrument;
    private long lastResultSequence;
    private long clockMs;

    SymbolSession(final MatchingEngine engine, final Instrument instrument, final long lastResultSequence, final long clockMs) {
        this.engine = engine;
        this.instrument = instrument;
        this.lastResultSequence = lastResultSequence;
        this.clockMs = clockMs;
    }

    /**
     * The time of a command's outputs: the later of the command's timestamp and the time of the symbol's
     * previous outputs. Commands reach a symbol from every user partition of the portfolio, which run
     * ahead of one another, so their timestamps are not in order; the symbol's trades, results and book
     * updates are, as on any exchange's tape, and a trade never lands in a candle that has closed.
     * Derived from the commands and the stored clock alone, so a replay gives the same times.
     */
    long advanceClock(final long commandTimestampMs) {
        clockMs = Math.max(clockMs, commandTimestampMs);
        return clockMs;
    }

    MatchingEngine engine() {
        return engine;
    }

    Instrument instrument() {
        return instrument;
    }

    void instrument(final Instrument updated) {
        this.instrument = updated;
    }

    long nextResultSequence() {
        return ++lastResultSequence;
    }

    /** The stored form: the instrument with its current status and every sequence. */
    MatchingSymbolSnapshot snapshot() {
        final EngineState state = engine.state();
        return MatchingSymbolSnapshot.newBuilder()
                .setInstrument(Instrument.newBuilder(instrument).setStatus(AvroMapping.status(state.status())).build())
                .setLastTradePricePaise(state.lastTradePricePaise())
                .setLastArrivalSequence(state.lastArrivalSequence())
                .setLastTradeSequence(state.lastTradeSequence())
                .setLastBookSequence(state.lastBookSequence())
                .setLastResultSequence(lastResultSequence)
                .setClockMs(clockMs)
                .build();
    }
}
