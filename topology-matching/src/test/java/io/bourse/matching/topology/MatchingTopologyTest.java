package io.bourse.matching.topology;

import static io.bourse.matching.topology.MatchingDriver.instrument;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.InstrumentStatus;
import io.bourse.avro.common.Liquidity;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.deadletter.DeadLetterReason;
import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.LevelChange;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.matching.MatchingSymbolSnapshot;
import io.bourse.avro.matching.RestingOrderSnapshot;
import io.bourse.avro.matching.Trade;
import io.bourse.schemas.catalogue.MatchingNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchingTopologyTest {

    private static final String RELIANCE = "RELIANCE";

    @TempDir
    Path stateDir;
    private MatchingDriver m;

    @BeforeEach
    void start() {
        m = new MatchingDriver(stateDir);
    }

    @AfterEach
    void stop() {
        m.close();
    }

    @Test
    void shouldPublishTheInstrumentAndRejectOrdersForAnUnknownSymbol() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.limit("NOPE", "o1", "alice", Side.BUY, 100, 1);
        m.cancel("NOPE", "o2", "alice");

        final TestRecord<String, io.bourse.avro.instruments.Instrument> published = m.instruments.readRecord();
        assertThat(published.key()).isEqualTo(RELIANCE);
        assertThat(published.value().getStatus()).isEqualTo(InstrumentStatus.TRADING);
        assertThat(published.value().getUpdatedAtMs()).isEqualTo(MatchingDriver.START.plusMillis(10));

        final List<TestRecord<String, MatchingResult>> results = m.results.readRecordsToList();
        assertThat(results).extracting(TestRecord::key).containsExactly("alice", "alice");
        assertThat(results).extracting(r -> r.value().getType())
                .containsExactly(MatchingResultType.REJECTED, MatchingResultType.CANCEL_REJECTED);
        assertThat(results).extracting(r -> r.value().getReasonCode()).containsOnly(ReasonCode.UNKNOWN_SYMBOL);
        assertThat(results.get(0).value().getResultId()).isEqualTo("cmd-2-rejected");
        assertThat(m.driver.getKeyValueStore(MatchingNames.SYMBOLS.name()).get("NOPE")).isNull();
    }

    @Test
    void shouldMarkTheLastResultEachCommandProducedForEachOrder() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.limit(RELIANCE, "s1", "alice", Side.SELL, 245_000, 2);
        m.limit(RELIANCE, "s2", "carol", Side.SELL, 245_100, 2);
        // Takes both asks and rests the remainder: fill, fill, then RESTING close the buyer's story.
        m.limit(RELIANCE, "b1", "bob", Side.BUY, 245_100, 5);

        final List<MatchingResult> results = m.results.readValuesToList();
        assertThat(results).extracting(r -> r.getOrderId() + " " + r.getType() + " " + r.getLastOfCommand())
                .containsExactly("s1 RESTING true", "s2 RESTING true",
                        "s1 FILL true", "b1 FILL false", "s2 FILL true", "b1 FILL false", "b1 RESTING true");
    }

    @Test
    void shouldTurnACrossingOrderIntoOneTradeTwoFillsAndOneBookUpdate() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.limit(RELIANCE, "s1", "alice", Side.SELL, 245_000, 10);
        m.limit(RELIANCE, "b1", "bob", Side.BUY, 245_500, 4);

        final Trade trade = m.trades.readValue();
        assertThat(trade.getTradeId()).isEqualTo("RELIANCE-1");
        assertThat(trade.getSequence()).isEqualTo(1);
        assertThat(trade.getPricePaise()).isEqualTo(245_000);
        assertThat(trade.getQuantityShares()).isEqualTo(4);
        assertThat(trade.getAggressorSide()).isEqualTo(Side.BUY);
        assertThat(List.of(trade.getBuyOrderId(), trade.getBuyUserId(), trade.getSellOrderId(), trade.getSellUserId()))
                .containsExactly("b1", "bob", "s1", "alice");
        assertThat(trade.getTimestampMs()).isEqualTo(MatchingDriver.START.plusMillis(30));
        assertThat(m.trades.isEmpty()).isTrue();

        final List<TestRecord<String, MatchingResult>> results = m.results.readRecordsToList();
        assertThat(results).extracting(TestRecord::key).containsExactly("alice", "alice", "bob");
        final MatchingResult resting = results.get(0).value();
        assertThat(resting.getType()).isEqualTo(MatchingResultType.RESTING);
        assertThat(resting.getRemainingQuantityShares()).isEqualTo(10);
        final MatchingResult makerFill = results.get(1).value();
        assertThat(makerFill.getType()).isEqualTo(MatchingResultType.FILL);
        assertThat(makerFill.getLiquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(makerFill.getFillQuantityShares()).isEqualTo(4);
        assertThat(makerFill.getFillPricePaise()).isEqualTo(245_000);
        assertThat(makerFill.getFilledQuantityShares()).isEqualTo(4);
        assertThat(makerFill.getRemainingQuantityShares()).isEqualTo(6);
        final MatchingResult takerFill = results.get(2).value();
        assertThat(takerFill.getLiquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(takerFill.getTradeId()).isEqualTo("RELIANCE-1");
        assertThat(takerFill.getLimitPricePaise()).isEqualTo(245_500);
        assertThat(takerFill.getRemainingQuantityShares()).isZero();
        assertThat(results).extracting(r -> r.value().getSequence()).containsExactly(1L, 2L, 3L);
        assertThat(results).extracting(r -> r.value().getResultId()).containsExactly("RELIANCE-1", "RELIANCE-2", "RELIANCE-3");
        assertThat(results).extracting(r -> r.value().getCommandId()).containsExactly("cmd-2", "cmd-3", "cmd-3");

        final List<BookUpdate> updates = m.bookUpdates.readValuesToList();
        assertThat(updates).extracting(BookUpdate::getSequence).containsExactly(1L, 2L);
        assertThat(updates.get(1).getLevels()).containsExactly(LevelChange.newBuilder()
                .setSide(Side.SELL).setPricePaise(245_000).setQuantityShares(6).setOrderCount(1).build());

        final KeyValueStore<String, RestingOrderSnapshot> orders = m.driver.getKeyValueStore(MatchingNames.RESTING_ORDERS.name());
        assertThat(orders.get(BookRepository.key(RELIANCE, "s1")).getFilledQuantityShares()).isEqualTo(4);
        assertThat(orders.get(BookRepository.key(RELIANCE, "b1"))).isNull();
        final KeyValueStore<String, MatchingSymbolSnapshot> symbols = m.driver.getKeyValueStore(MatchingNames.SYMBOLS.name());
        assertThat(symbols.get(RELIANCE).getLastTradeSequence()).isEqualTo(1);
        assertThat(symbols.get(RELIANCE).getLastTradePricePaise()).isEqualTo(245_000);
        assertThat(symbols.get(RELIANCE).getLastResultSequence()).isEqualTo(3);
    }

    @Test
    void shouldTimeEveryOutputOnTheSymbolsClockThatNeverGoesBack() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.limit(RELIANCE, "s1", "alice", Side.SELL, 245_000, 10);
        final Instant ask = MatchingDriver.START.plusMillis(20);
        // A buy from a user partition that ran behind: its command is timed before the ask it takes.
        m.nextAt(MatchingDriver.START.plusMillis(5));
        m.limit(RELIANCE, "b1", "bob", Side.BUY, 245_000, 4);

        final TestRecord<String, Trade> trade = m.trades.readRecord();
        assertThat(trade.value().getTimestampMs()).isEqualTo(ask);
        assertThat(trade.getRecordTime()).isEqualTo(ask);
        final List<TestRecord<String, MatchingResult>> results = m.results.readRecordsToList();
        assertThat(results).extracting(r -> r.value().getType() + " " + r.value().getTimestampMs() + " " + r.getRecordTime())
                .containsExactly("RESTING " + ask + " " + ask, "FILL " + ask + " " + ask, "FILL " + ask + " " + ask);
        assertThat(m.bookUpdates.readRecordsToList()).extracting(TestRecord::getRecordTime).containsExactly(ask, ask);
        final KeyValueStore<String, MatchingSymbolSnapshot> symbols = m.driver.getKeyValueStore(MatchingNames.SYMBOLS.name());
        assertThat(symbols.get(RELIANCE).getClockMs()).isEqualTo(ask.toEpochMilli());

        // A later command moves the clock on to its own time.
        m.limit(RELIANCE, "b2", "carol", Side.BUY, 245_000, 1);
        assertThat(m.trades.readValue().getTimestampMs()).isEqualTo(MatchingDriver.START.plusMillis(40));
        assertThat(symbols.get(RELIANCE).getClockMs()).isEqualTo(MatchingDriver.START.plusMillis(40).toEpochMilli());
    }

    @Test
    void shouldReportEveryOrderOutcomeWithItsReason() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.limit(RELIANCE, "s1", "alice", Side.SELL, 245_000, 3);
        m.place(RELIANCE, "ioc", "bob", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 245_000L, 5, false,
                SelfTradePrevention.CANCEL_NEWEST);
        m.limit(RELIANCE, "far", "bob", Side.BUY, 400_000, 1);
        m.place(RELIANCE, "day", "carol", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 244_000L, 7, false,
                SelfTradePrevention.CANCEL_NEWEST);
        m.amend(RELIANCE, "day", "carol", null, 5L);
        m.amend(RELIANCE, "day", "mallory", 244_005L, null);
        m.place(RELIANCE, "mkt", "dave", Side.SELL, OrderType.MARKET, TimeInForce.IOC, null, 9, false,
                SelfTradePrevention.CANCEL_NEWEST);
        m.place(RELIANCE, "fok", "erin", Side.BUY, OrderType.LIMIT, TimeInForce.FOK, 250_000L, 1, false,
                SelfTradePrevention.CANCEL_NEWEST);
        m.place(RELIANCE, "post", "erin", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 244_000L, 1, true,
                SelfTradePrevention.CANCEL_NEWEST);
        m.closeSession(RELIANCE);

        final List<String> outcomes = m.results.readValuesToList().stream()
                .map(r -> r.getOrderId() + " " + r.getType() + (r.getReasonCode() == null ? "" : " " + r.getReasonCode())
                        + " q=" + r.getQuantityShares() + " f=" + r.getFilledQuantityShares() + " r=" + r.getRemainingQuantityShares())
                .toList();
        assertThat(outcomes).containsExactly(
                "s1 RESTING q=3 f=0 r=3",
                "s1 FILL q=3 f=3 r=0",
                "ioc FILL q=5 f=3 r=2",
                "ioc CANCELLED IOC_REMAINDER_CANCELLED q=5 f=3 r=0",
                "far REJECTED PRICE_OUTSIDE_BAND q=1 f=0 r=0",
                "day RESTING q=7 f=0 r=7",
                "day AMENDED q=5 f=0 r=5",
                "day AMEND_REJECTED NOT_ORDER_OWNER q=0 f=0 r=0",
                "day FILL q=5 f=5 r=0",
                "mkt FILL q=9 f=5 r=4",
                "mkt CANCELLED MARKET_REMAINDER_CANCELLED q=9 f=5 r=0",
                "fok CANCELLED FOK_NOT_FILLABLE q=1 f=0 r=0",
                "post RESTING q=1 f=0 r=1",
                "post EXPIRED SESSION_CLOSED q=1 f=0 r=0");
        final List<io.bourse.avro.instruments.Instrument> statuses = m.instruments.readValuesToList();
        assertThat(statuses).extracting(io.bourse.avro.instruments.Instrument::getStatus)
                .containsExactly(InstrumentStatus.TRADING, InstrumentStatus.CLOSED);
    }

    @Test
    void shouldAcceptOnlyCancelsWhileHalted() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.limit(RELIANCE, "b1", "alice", Side.BUY, 244_000, 2);
        m.halt(RELIANCE);
        m.limit(RELIANCE, "b2", "alice", Side.BUY, 244_000, 2);
        m.cancel(RELIANCE, "b1", "alice");
        m.resume(RELIANCE);
        m.limit(RELIANCE, "b3", "alice", Side.BUY, 244_000, 2);

        assertThat(m.results.readValuesToList()).extracting(r -> r.getOrderId() + " " + r.getType() + " " + r.getReasonCode())
                .containsExactly("b1 RESTING null", "b2 REJECTED INSTRUMENT_HALTED", "b1 CANCELLED USER_CANCELLED",
                        "b3 RESTING null");
        assertThat(m.instruments.readValuesToList()).extracting(io.bourse.avro.instruments.Instrument::getStatus)
                .containsExactly(InstrumentStatus.TRADING, InstrumentStatus.HALTED, InstrumentStatus.TRADING);
    }

    @Test
    void shouldDeadLetterAnUnreadableCommandAndKeepMatching() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.rawCommands.pipeInput(RELIANCE, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        m.limit(RELIANCE, "b1", "alice", Side.BUY, 244_000, 2);

        final var deadLetter = m.deadLetters.readValue();
        assertThat(deadLetter.getErrorCode()).isEqualTo(DeadLetterReason.MALFORMED_RECORD);
        assertThat(deadLetter.getSourceOffset()).isEqualTo(1);
        assertThat(m.results.readValue().getType()).isEqualTo(MatchingResultType.RESTING);
    }

    @Test
    void shouldKeepEveryOpenOrderInTheStoreWithItsPriority() {
        m.addInstrument(instrument(RELIANCE, 245_000));
        m.limit(RELIANCE, "b1", "alice", Side.BUY, 244_000, 2);
        m.limit(RELIANCE, "b2", "bob", Side.BUY, 244_500, 3);
        m.limit(RELIANCE, "b3", "carol", Side.BUY, 244_000, 4);
        m.limit(RELIANCE, "s1", "dave", Side.SELL, 246_000, 5);
        m.amend(RELIANCE, "b1", "alice", null, 1L);

        final KeyValueStore<String, RestingOrderSnapshot> store = m.driver.getKeyValueStore(MatchingNames.RESTING_ORDERS.name());
        assertThat(MatchingQueries.openOrders(store, RELIANCE)).extracting(RestingOrderSnapshot::getOrderId)
                .containsExactly("b2", "b1", "b3", "s1");
        final MatchingQueries.Depth depth = MatchingQueries.depth(store, RELIANCE, 10);
        assertThat(depth.bids()).containsExactly(new MatchingQueries.Level(244_500, 3, 1), new MatchingQueries.Level(244_000, 5, 2));
        assertThat(depth.asks()).containsExactly(new MatchingQueries.Level(246_000, 5, 1));
        assertThat(MatchingQueries.depth(store, RELIANCE, 1).bids()).hasSize(1);
        assertThat(MatchingQueries.openOrders(store, "TCS")).isEmpty();
    }

    static List<KeyValue<String, ?>> contents(final KeyValueStore<String, ?> store) {
        final List<KeyValue<String, ?>> all = new java.util.ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }
}
