package io.bourse.matching.topology;

import io.bourse.avro.common.InstrumentStatus;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.deadletter.DeadLetter;
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
import io.bourse.matching.core.Command;
import io.bourse.matching.core.NewOrder;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.testing.streams.TopologyHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/** A {@code TopologyTestDriver} around the matching topology, with typed topics and command builders. */
final class MatchingDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-24T03:45:00Z");

    private final TopologyHarness harness = new TopologyHarness("matching");
    final Map<String, Object> serdeConfig = harness.serdeConfig();
    final TopologyTestDriver driver;
    final TestInputTopic<String, MatchingCommand> commands;
    final TestInputTopic<String, byte[]> rawCommands;
    final TestOutputTopic<String, MatchingResult> results;
    final TestOutputTopic<String, Trade> trades;
    final TestOutputTopic<String, BookUpdate> bookUpdates;
    final TestOutputTopic<String, Instrument> instruments;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    private long commandCounter;
    private Instant clock = START;
    private long skewSeed;
    private int maxSkewMs;
    private Instant nextTimestamp;

    MatchingDriver(final Path stateDir) {
        // TopologyTestDriver drops a deserialization handler's dead-letter records under exactly-once
        // (the real broker does not; see ExactlyOnceStreamsSmokeTest), so these tests run at-least-once.
        driver = harness.start(MatchingTopology.build(serdeConfig), "matching-test", stateDir, StreamsConfig.AT_LEAST_ONCE, START);
        commands = harness.input(driver, Topics.MATCHING_COMMANDS);
        rawCommands = driver.createInputTopic(Topics.MATCHING_COMMANDS.name(), new StringSerializer(), new ByteArraySerializer());
        results = harness.output(driver, Topics.MATCHING_RESULTS);
        trades = harness.output(driver, Topics.TRADES_EXECUTED);
        bookUpdates = harness.output(driver, Topics.BOOK_UPDATES);
        instruments = harness.output(driver, Topics.INSTRUMENTS);
        deadLetters = harness.output(driver, Topics.DEAD_LETTERS);
    }

    static Instrument instrument(final String symbol, final long basePricePaise) {
        return Instrument.newBuilder()
                .setSymbol(symbol)
                .setName(symbol + " Ltd")
                .setIsin(null)
                .setTickSizePaise(5)
                .setLotSizeShares(1)
                .setMinQuantityShares(1)
                .setMaxQuantityShares(100_000)
                .setBasePricePaise(basePricePaise)
                .setPriceBandBasisPoints(2_000)
                .setMakerFeeBasisPoints(null)
                .setTakerFeeBasisPoints(null)
                .setStatus(InstrumentStatus.TRADING)
                .setUpdatedAtMs(START)
                .build();
    }

    void send(final String symbol, final Object payload) {
        clock = clock.plusMillis(10);
        final long counter = ++commandCounter;
        Instant timestamp = maxSkewMs == 0 ? clock : clock.minusMillis(new SplittableRandom(skewSeed + counter).nextInt(maxSkewMs));
        if (nextTimestamp != null) {
            timestamp = nextTimestamp;
            nextTimestamp = null;
        }
        final MatchingCommand command = MatchingCommand.newBuilder()
                .setCommandId("cmd-" + counter)
                .setSymbol(symbol)
                .setIssuedAtMs(timestamp)
                .setPayload(payload)
                .build();
        commands.pipeInput(symbol, command, timestamp);
    }

    /** Times the next command at {@code at} instead of its turn. */
    void nextAt(final Instant at) {
        this.nextTimestamp = at;
    }

    /**
     * Times each later command up to {@code maxMs} before its turn, a seeded amount per command number: out of
     * timestamp order, as commands reach a symbol from user partitions that run ahead of one another.
     */
    void skewTimestamps(final long seed, final int maxMs) {
        this.skewSeed = seed;
        this.maxSkewMs = maxMs;
    }

    void addInstrument(final Instrument instrument) {
        send(instrument.getSymbol(), AddInstrumentCommand.newBuilder().setInstrument(instrument).build());
    }

    void limit(final String symbol, final String orderId, final String user, final Side side, final long price, final long qty) {
        place(symbol, orderId, user, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, false, SelfTradePrevention.CANCEL_NEWEST);
    }

    void place(final String symbol, final String orderId, final String user, final Side side, final OrderType type,
            final TimeInForce tif, final Long price, final long qty, final boolean postOnly, final SelfTradePrevention stp) {
        place(symbol, orderId, user, side, type, tif, price, qty, postOnly, stp, 0);
    }

    void place(final String symbol, final String orderId, final String user, final Side side, final OrderType type,
            final TimeInForce tif, final Long price, final long qty, final boolean postOnly, final SelfTradePrevention stp,
            final long reservedPaise) {
        send(symbol, MatchNewOrderCommand.newBuilder()
                .setOrderId(orderId).setUserId(user).setSide(side).setOrderType(type).setTimeInForce(tif)
                .setLimitPricePaise(price).setQuantityShares(qty).setPostOnly(postOnly).setSelfTradePrevention(stp)
                .setReservedPaise(reservedPaise)
                .build());
    }

    void cancel(final String symbol, final String orderId, final String user) {
        send(symbol, MatchCancelOrderCommand.newBuilder().setOrderId(orderId).setUserId(user)
                .setReasonCode(ReasonCode.USER_CANCELLED).build());
    }

    void amend(final String symbol, final String orderId, final String user, final Long price, final Long qty) {
        send(symbol, MatchAmendOrderCommand.newBuilder().setOrderId(orderId).setUserId(user)
                .setNewLimitPricePaise(price).setNewQuantityShares(qty).build());
    }

    void halt(final String symbol) {
        send(symbol, HaltTradingCommand.newBuilder().setReason("volatility").build());
    }

    void resume(final String symbol) {
        send(symbol, ResumeTradingCommand.newBuilder().setNote(null).build());
    }

    void closeSession(final String symbol) {
        send(symbol, CloseSessionCommand.newBuilder().setNote(null).build());
    }

    /** Sends a core test command (from the random generator) as its Avro form. */
    void send(final String symbol, final Command command) {
        if (command instanceof Command.Place p) {
            final NewOrder o = p.order();
            place(symbol, o.orderId(), o.userId(), Side.valueOf(o.side().name()), OrderType.valueOf(o.type().name()),
                    TimeInForce.valueOf(o.timeInForce().name()),
                    o.limitPricePaise() == NewOrder.NO_PRICE ? null : o.limitPricePaise(), o.quantityShares(), o.postOnly(),
                    SelfTradePrevention.valueOf(o.selfTradePrevention().name()), o.maxNotionalPaise());
        } else if (command instanceof Command.Cancel c) {
            cancel(symbol, c.orderId(), c.userId());
        } else if (command instanceof Command.Amend a) {
            amend(symbol, a.orderId(), a.userId(), a.newPricePaise() == NewOrder.NO_PRICE ? null : a.newPricePaise(),
                    a.newQuantityShares() == 0 ? null : a.newQuantityShares());
        } else if (command instanceof Command.Halt) {
            halt(symbol);
        } else if (command instanceof Command.Resume) {
            resume(symbol);
        } else if (command instanceof Command.CloseSession) {
            closeSession(symbol);
        }
    }

    /** Numbers and times the next commands as if they followed {@code previous}'s. */
    void continueFrom(final MatchingDriver previous) {
        this.commandCounter = previous.commandCounter;
        this.clock = previous.clock;
        this.skewSeed = previous.skewSeed;
        this.maxSkewMs = previous.maxSkewMs;
    }

    @Override
    public void close() {
        harness.close();
    }
}
