package io.bourse.matching.topology;

import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.matching.AddInstrumentCommand;
import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.CloseSessionCommand;
import io.bourse.avro.matching.HaltTradingCommand;
import io.bourse.avro.matching.MatchAmendOrderCommand;
import io.bourse.avro.matching.MatchCancelOrderCommand;
import io.bourse.avro.matching.MatchNewOrderCommand;
import io.bourse.avro.matching.MatchingCommand;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.ResumeTradingCommand;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.matching.MatchingSymbolSnapshot;
import io.bourse.avro.matching.RestingOrderSnapshot;
import io.bourse.matching.core.MatchingEngine;
import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.Reason;
import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.streams.CommitWhenCaughtUp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each matching command to its symbol's engine and forwards what happened. The engines
 * live in memory and are rebuilt from the stores the first time a task sees a symbol after
 * (re)initialisation, so a crash, an aborted transaction or a rebalance never leaves a book that
 * differs from its committed state. A command's outputs carry its symbol's clock
 * ({@link SymbolSession#advanceClock}), as payload time and as record timestamp. Matching's input
 * is the portfolio's output, readable in bursts at each portfolio commit: a burst's results are
 * committed once it is worked off ({@link CommitWhenCaughtUp}), not at the next commit interval.
 */
final class MatchingProcessor implements Processor<String, MatchingCommand, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(MatchingProcessor.class);

    private final Map<String, SymbolSession> sessions = new HashMap<>();
    private ProcessorContext<String, SpecificRecord> context;
    private BookRepository repository;
    private CommitWhenCaughtUp commits;

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> processorContext) {
        this.context = processorContext;
        final KeyValueStore<String, RestingOrderSnapshot> orders = processorContext.getStateStore(MatchingNames.RESTING_ORDERS.name());
        final KeyValueStore<String, MatchingSymbolSnapshot> symbols = processorContext.getStateStore(MatchingNames.SYMBOLS.name());
        this.repository = new BookRepository(orders, symbols);
        this.commits = CommitWhenCaughtUp.schedule(processorContext);
        sessions.clear();
    }

    @Override
    public void process(final Record<String, MatchingCommand> record) {
        commits.processed(record.timestamp());
        final MatchingCommand command = record.value();
        if (command == null) {
            return;
        }
        final String symbol = command.getSymbol();
        SymbolSession session = sessions.computeIfAbsent(symbol, repository::load);
        final Object payload = command.getPayload();
        if (payload instanceof AddInstrumentCommand add) {
            session = addInstrument(symbol, add.getInstrument(), session);
        }
        final long timeMs = session == null ? record.timestamp() : session.advanceClock(record.timestamp());
        final CommandOutputs out = new CommandOutputs(symbol, command.getCommandId(), Instant.ofEpochMilli(timeMs), session);
        if (session == null) {
            rejectUnknownSymbol(payload, out, symbol);
        } else {
            apply(payload, session.engine(), out);
        }
        forward(record.withTimestamp(timeMs), symbol, session, out, payload instanceof AddInstrumentCommand);
    }

    @Override
    public void close() {
        sessions.clear();
    }

    private SymbolSession addInstrument(final String symbol, final Instrument instrument, final SymbolSession existing) {
        if (!symbol.equals(instrument.getSymbol())) {
            LOG.warn("Ignoring instrument {} sent under symbol {}", instrument.getSymbol(), symbol);
            return existing;
        }
        if (existing == null) {
            final SymbolSession created = repository.create(instrument);
            sessions.put(symbol, created);
            return created;
        }
        existing.engine().updateSpec(AvroMapping.spec(instrument));
        existing.instrument(instrument);
        return existing;
    }

    private static void apply(final Object payload, final MatchingEngine engine, final CommandOutputs out) {
        if (payload instanceof MatchNewOrderCommand place) {
            engine.place(AvroMapping.newOrder(place), out);
        } else if (payload instanceof MatchCancelOrderCommand cancel) {
            engine.cancel(cancel.getOrderId(), cancel.getUserId(), AvroMapping.reason(cancel.getReasonCode()), out);
        } else if (payload instanceof MatchAmendOrderCommand amend) {
            engine.amend(amend.getOrderId(), amend.getUserId(),
                    amend.getNewLimitPricePaise() == null ? NewOrder.NO_PRICE : amend.getNewLimitPricePaise(),
                    amend.getNewQuantityShares() == null ? 0 : amend.getNewQuantityShares(), out);
        } else if (payload instanceof HaltTradingCommand) {
            engine.halt(out);
        } else if (payload instanceof ResumeTradingCommand) {
            engine.resume(out);
        } else if (payload instanceof CloseSessionCommand) {
            engine.closeSession(out);
        }
    }

    private static void rejectUnknownSymbol(final Object payload, final CommandOutputs out, final String symbol) {
        if (payload instanceof MatchNewOrderCommand place) {
            out.rejected(AvroMapping.newOrder(place), Reason.UNKNOWN_SYMBOL);
        } else if (payload instanceof MatchCancelOrderCommand cancel) {
            out.cancelRejected(cancel.getOrderId(), cancel.getUserId(), Reason.UNKNOWN_SYMBOL);
        } else if (payload instanceof MatchAmendOrderCommand amend) {
            out.amendRejected(amend.getOrderId(), amend.getUserId(), Reason.UNKNOWN_SYMBOL);
        } else {
            LOG.warn("Ignoring {} for unknown symbol {}", payload.getClass().getSimpleName(), symbol);
        }
    }

    private void forward(final Record<String, MatchingCommand> input, final String symbol, final SymbolSession session,
            final CommandOutputs out, final boolean instrumentAdded) {
        for (final Trade trade : out.trades) {
            context.forward(input.withKey(symbol).withValue((SpecificRecord) trade), MatchingNames.WRITE_TRADES);
        }
        out.markLastResultPerOrder();
        for (final MatchingResult result : out.results) {
            context.forward(input.withKey(result.getUserId()).withValue((SpecificRecord) result), MatchingNames.WRITE_RESULTS);
        }
        final BookUpdate update = out.bookUpdate();
        if (update != null) {
            context.forward(input.withKey(symbol).withValue((SpecificRecord) update), MatchingNames.WRITE_BOOK_UPDATES);
        }
        if (session == null) {
            return;
        }
        for (final String orderId : out.touchedOrders) {
            repository.saveOrder(symbol, orderId, session.engine().book().find(orderId));
        }
        repository.saveSymbol(symbol, session);
        if (instrumentAdded || out.statusChanged) {
            final Instrument published = Instrument.newBuilder(session.snapshot().getInstrument())
                    .setUpdatedAtMs(Instant.ofEpochMilli(input.timestamp()))
                    .build();
            session.instrument(published);
            context.forward(input.withKey(symbol).withValue((SpecificRecord) published), MatchingNames.WRITE_INSTRUMENTS);
        }
    }
}
