package io.bourse.matching.topology;

import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.matching.MatchingSymbolSnapshot;
import io.bourse.matching.core.EngineState;
import io.bourse.matching.core.MatchingEngine;

/** One symbol as the processor holds it in memory: its engine, instrument and result sequence. */
final class SymbolSession {

    private final MatchingEngine engine;
    private Instrument instrument;
    private long lastResultSequence;

    SymbolSession(final MatchingEngine engine, final Instrument instrument, final long lastResultSequence) {
        this.engine = engine;
        this.instrument = instrument;
        this.lastResultSequence = lastResultSequence;
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
                .build();
    }
}
