package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.ApproveKycCommand;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.avro.accounts.SubmitKycCommand;
import io.bourse.avro.common.InstrumentStatus;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.matching.MatchingCommand;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.orders.AmendOrderCommand;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.InstrumentAdminAction;
import io.bourse.avro.orders.InstrumentAdminCommand;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.orders.TransferInSharesCommand;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.payments.PayoutDestination;
import io.bourse.avro.payments.PayoutDestinationKind;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.ProviderPaymentReport;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.matching.topology.MatchingTopology;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.catalogue.UserIds;
import io.bourse.testing.streams.TopologyHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The portfolio topology and the real matching topology, each on its own TopologyTestDriver, wired
 * together: matching commands go to matching, its results and instruments come back. Everything a
 * test sees on the portfolio's outputs is kept in order.
 */
final class WiredExchange implements AutoCloseable {

    static final String ADMIN = UserIds.forEmail("admin@bourse.test");
    static final Instant START = Instant.parse("2026-11-24T04:00:00Z");
    /** The destination {@link #payment} withdrawals go to. */
    static final String DESTINATION = "dst-bank";

    private final TopologyHarness harness = new TopologyHarness("portfolio");
    final Map<String, Object> serde = harness.serdeConfig();
    final TopologyTestDriver portfolio;
    final TopologyTestDriver matching;
    private final TestInputTopic<String, OrderCommand> orderCommands;
    private final TestInputTopic<String, AccountCommand> accountCommands;
    private final TestInputTopic<String, PaymentCommand> payments;
    private final TestInputTopic<String, ProviderPaymentReport> providerReports;
    private final TestOutputTopic<String, PaymentEvent> paymentEventsOut;
    private final TestInputTopic<String, MatchingResult> results;
    private final TestInputTopic<String, Instrument> instrumentsIn;
    private final TestInputTopic<String, MatchingCommand> matchingIn;
    private final TestOutputTopic<String, MatchingCommand> matchingOut;
    private final TestOutputTopic<String, MatchingResult> resultsOut;
    private final TestOutputTopic<String, Instrument> instrumentsOut;
    private final TestOutputTopic<String, OrderEvent> orderEventsOut;
    private final TestOutputTopic<String, LedgerPosting> ledgerOut;
    private final TestOutputTopic<String, AccountEvent> accountEventsOut;
    final List<OrderEvent> orderEvents = new ArrayList<>();
    final List<LedgerPosting> postings = new ArrayList<>();
    /** The record timestamp of each of {@link #postings}, which reading the ledger back looks postings up by. */
    final List<Long> postingTimestamps = new ArrayList<>();
    /** Every entry of {@link #postings}, in order. */
    final List<LedgerEntry> ledger = new ArrayList<>();
    final List<AccountEvent> accountEvents = new ArrayList<>();
    final List<MatchingCommand> sentToMatching = new ArrayList<>();
    final List<PaymentEvent> paymentEvents = new ArrayList<>();
    private final Set<String> registered = new HashSet<>();
    private Instant clock = START;
    private long counter;

    WiredExchange(final Path stateDir, final PortfolioConfig config) {
        portfolio = harness.start(PortfolioTopology.build(config, serde), "portfolio-test", stateDir.resolve("p"),
                StreamsConfig.AT_LEAST_ONCE, START);
        matching = harness.start(MatchingTopology.build(serde), "matching-test", stateDir.resolve("m"),
                StreamsConfig.AT_LEAST_ONCE, START);
        orderCommands = harness.input(portfolio, Topics.ORDERS_COMMANDS);
        accountCommands = harness.input(portfolio, Topics.ACCOUNTS_COMMANDS);
        payments = harness.input(portfolio, Topics.PAYMENTS_COMMANDS);
        providerReports = harness.input(portfolio, Topics.PAYMENTS_PROVIDER_REPORTS);
        paymentEventsOut = harness.output(portfolio, Topics.PAYMENTS_EVENTS);
        results = harness.input(portfolio, Topics.MATCHING_RESULTS);
        instrumentsIn = harness.input(portfolio, Topics.INSTRUMENTS);
        matchingIn = harness.input(matching, Topics.MATCHING_COMMANDS);
        matchingOut = harness.output(portfolio, Topics.MATCHING_COMMANDS);
        orderEventsOut = harness.output(portfolio, Topics.ORDERS_EVENTS);
        ledgerOut = harness.output(portfolio, Topics.PORTFOLIO_POSTINGS);
        accountEventsOut = harness.output(portfolio, Topics.ACCOUNTS_EVENTS);
        resultsOut = harness.output(matching, Topics.MATCHING_RESULTS);
        instrumentsOut = harness.output(matching, Topics.INSTRUMENTS);
    }

    Instant tick() {
        clock = clock.plusMillis(5);
        return clock;
    }

    /** The timestamp of the last input. */
    Instant lastTick() {
        return clock;
    }

    String nextId(final String prefix) {
        return prefix + "-" + (++counter);
    }

    // ---- inputs -----------------------------------------------------------------------------

    void account(final String userId, final Object payload) {
        final Instant at = tick();
        accountCommands.pipeInput(userId, AccountCommand.newBuilder().setCommandId(nextId("acc")).setUserId(userId)
                .setIssuedAtMs(at).setPayload(payload).build(), at);
        pump();
    }

    void order(final String userId, final Object payload) {
        order(userId, payload, null);
    }

    void order(final String userId, final Object payload, final String idempotencyKey) {
        final Instant at = tick();
        orderCommands.pipeInput(userId, OrderCommand.newBuilder().setCommandId(nextId("cmd")).setUserId(userId)
                .setIssuedAtMs(at).setIdempotencyKey(idempotencyKey).setPayload(payload).build(), at);
        pump();
    }

    /** A payment command; a withdrawal goes to the user's bank account {@link #DESTINATION}, registered on first use. */
    void payment(final String userId, final PaymentCommandType type, final String providerId, final String withdrawalId,
            final long amountPaise) {
        if (type == PaymentCommandType.REQUEST_WITHDRAWAL && registered.add(userId)) {
            destination(userId, DESTINATION, PayoutDestinationKind.BANK_ACCOUNT);
        }
        payment(userId, PaymentCommand.newBuilder().setType(type).setWithdrawalId(withdrawalId).setProviderPayoutId(providerId)
                .setAmountPaise(amountPaise).setDestinationId(type == PaymentCommandType.REQUEST_WITHDRAWAL ? DESTINATION : null));
    }

    /** A payment command of {@code userId} built from {@code command}, with an id, the sandbox provider, INR and a timestamp. */
    void payment(final String userId, final PaymentCommand.Builder command) {
        final Instant at = tick();
        payments.pipeInput(userId, command.setCommandId(nextId("pay")).setUserId(userId).setProvider("sandbox").setCurrency("INR")
                .setTimestampMs(at).build(), at);
        pump();
    }

    /** Registers a payout destination of {@code userId} at the sandbox provider's fund account {@code fa_<destinationId>}. */
    void destination(final String userId, final String destinationId, final PayoutDestinationKind kind) {
        final boolean vpa = kind == PayoutDestinationKind.VPA;
        payment(userId, PaymentCommand.newBuilder().setType(PaymentCommandType.REGISTER_DESTINATION).setAmountPaise(0)
                .setDestination(PayoutDestination.newBuilder().setDestinationId(destinationId).setUserId(userId).setKind(kind)
                        .setProvider("sandbox").setProviderAccountId("fa_" + destinationId).setAccountHolderName(vpa ? null : "Test")
                        .setIfsc(vpa ? null : "HDFC0001234").setAccountNumberLast4(vpa ? null : "6789").setVpa(vpa ? "test@okhdfc" : null)
                        .setCreatedAtMs(START).build()));
    }

    /** The user starts a deposit: a deposit intent for a provider order the edge created. */
    void intent(final String userId, final String intentId, final String providerOrderId, final long amountPaise) {
        final Instant at = tick();
        payments.pipeInput(userId, PaymentCommand.newBuilder().setCommandId(nextId("pay")).setType(PaymentCommandType.CREATE_DEPOSIT_INTENT)
                .setUserId(userId).setProvider("sandbox").setIntentId(intentId).setProviderOrderId(providerOrderId)
                .setWithdrawalId(null).setProviderPayoutId(null).setAmountPaise(amountPaise).setCurrency("INR").setReason(null)
                .setTimestampMs(at).build(), at);
        pump();
    }

    /** The embedded default's seeder credits {@code user}'s demo cash under {@code reference}. */
    void seed(final String userId, final String reference, final long amountPaise) {
        final Instant at = tick();
        payments.pipeInput(userId, PaymentCommand.newBuilder().setCommandId(nextId("pay")).setType(PaymentCommandType.SEED_DEPOSIT)
                .setUserId(userId).setProvider("seed").setIntentId(reference).setAmountPaise(amountPaise).setTimestampMs(at).build(), at);
        pump();
    }

    /** A verified provider webhook about {@code paymentId}; it names no user. */
    void report(final String event, final String paymentId, final String providerOrderId, final long amountPaise,
            final String currency, final boolean captured) {
        final Instant at = tick();
        providerReports.pipeInput(paymentId, ProviderPaymentReport.newBuilder().setReportId(nextId("rep")).setProvider("sandbox")
                .setEvent(event).setProviderPaymentId(paymentId).setProviderOrderId(providerOrderId).setAmountPaise(amountPaise)
                .setCurrency(currency).setCaptured(captured).setReceivedAtMs(at).build(), at);
        pump();
    }

    void captured(final String paymentId, final String providerOrderId, final long amountPaise) {
        report("payment.captured", paymentId, providerOrderId, amountPaise, "INR", true);
    }

    /** Registers, submits KYC for and approves {@code email}; returns the user id. */
    String trader(final String email) {
        final String user = UserIds.forEmail(email);
        account(user, RegisterAccountCommand.newBuilder().setEmail(email).setPasswordHash("{bcrypt}$2a$10$hash")
                .setDisplayName(email).setRole(AccountRole.TRADER).build());
        account(user, SubmitKycCommand.newBuilder().setLegalName("Test " + email).setDateOfBirth(LocalDate.of(1990, 1, 2))
                .setPan("ABCDE1234F").setAddress("1 MG Road, Bengaluru").build());
        account(user, ApproveKycCommand.newBuilder().setAdminUserId(ADMIN).build());
        return user;
    }

    /** A deposit the real way: an intent, then the provider's captured payment for its order. */
    void deposit(final String user, final long paise) {
        final String order = nextId("order");
        intent(user, nextId("dep"), order, paise);
        captured(nextId("pay"), order, paise);
    }

    void transferIn(final String user, final String symbol, final long shares) {
        order(user, TransferInSharesCommand.newBuilder().setSymbol(symbol).setQuantityShares(shares).setReference(nextId("dp")).build());
    }

    void addInstrument(final String symbol, final long basePricePaise, final Integer makerBps, final Integer takerBps) {
        order(ADMIN, InstrumentAdminCommand.newBuilder().setAction(InstrumentAdminAction.ADD).setSymbol(symbol)
                .setInstrument(Instrument.newBuilder().setSymbol(symbol).setName(symbol + " Ltd").setIsin(null)
                        .setTickSizePaise(5).setLotSizeShares(1).setMinQuantityShares(1).setMaxQuantityShares(1_000_000)
                        .setBasePricePaise(basePricePaise).setPriceBandBasisPoints(2_000).setMakerFeeBasisPoints(makerBps)
                        .setTakerFeeBasisPoints(takerBps).setStatus(InstrumentStatus.TRADING).setUpdatedAtMs(START).build())
                .setNote(null).build());
    }

    void limit(final String user, final String orderId, final String symbol, final Side side, final long price, final long qty) {
        order(user, place(orderId, symbol, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, null));
    }

    static PlaceOrderCommand place(final String orderId, final String symbol, final Side side, final OrderType type,
            final TimeInForce tif, final Long price, final long qty, final String clientOrderId) {
        return PlaceOrderCommand.newBuilder().setOrderId(orderId).setClientOrderId(clientOrderId).setSymbol(symbol)
                .setSide(side).setOrderType(type).setTimeInForce(tif).setLimitPricePaise(price).setQuantityShares(qty)
                .setPostOnly(false).setSelfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).build();
    }

    void cancel(final String user, final String orderId) {
        order(user, CancelOrderCommand.newBuilder().setOrderId(orderId).build());
    }

    void amend(final String user, final String orderId, final Long price, final Long qty) {
        order(user, AmendOrderCommand.newBuilder().setOrderId(orderId).setNewLimitPricePaise(price).setNewQuantityShares(qty).build());
    }

    /** While set, commands for matching wait in {@code matching.commands}: lets a test line up a race. */
    boolean holdMatchingCommands;

    /** Moves records between the two topologies until nothing is left in flight. */
    void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (final KeyValue<String, MatchingCommand> kv : holdMatchingCommands ? List.<KeyValue<String, MatchingCommand>>of()
                    : matchingOut.readKeyValuesToList()) {
                sentToMatching.add(kv.value);
                matchingIn.pipeInput(kv.key, kv.value, clock);
                moved = true;
            }
            for (final KeyValue<String, Instrument> kv : instrumentsOut.readKeyValuesToList()) {
                instrumentsIn.pipeInput(kv.key, kv.value, clock);
                moved = true;
            }
            for (final KeyValue<String, MatchingResult> kv : resultsOut.readKeyValuesToList()) {
                results.pipeInput(kv.key, kv.value, clock);
                moved = true;
            }
            orderEvents.addAll(orderEventsOut.readValuesToList());
            for (final TestRecord<String, LedgerPosting> record : ledgerOut.readRecordsToList()) {
                postings.add(record.value());
                postingTimestamps.add(record.timestamp());
                ledger.addAll(record.value().getEntries());
            }
            accountEvents.addAll(accountEventsOut.readValuesToList());
            paymentEvents.addAll(paymentEventsOut.readValuesToList());
        }
    }

    // ---- reads ------------------------------------------------------------------------------

    PositionSnapshot position(final String user, final String asset) {
        final KeyValueStore<String, PositionSnapshot> store = portfolio.getKeyValueStore(PortfolioNames.POSITIONS.name());
        final PositionSnapshot p = store.get(PortfolioRepository.key(user, asset));
        return p == null ? new PositionSnapshot(user, asset, io.bourse.avro.ledger.LedgerUnit.PAISE, 0L, 0L, 0L, 0L) : p;
    }

    /** Provider reports the claim step still waits on an intent for. */
    List<ProviderPaymentReport> parked() {
        final List<ProviderPaymentReport> all = new ArrayList<>();
        final KeyValueStore<String, ProviderPaymentReport> store = portfolio.getKeyValueStore(
                PortfolioNames.PARKED_PROVIDER_REPORTS.name());
        try (var it = store.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    long cash(final String user) {
        return position(user, "INR").getAvailable();
    }

    long reservedCash(final String user) {
        return position(user, "INR").getReserved();
    }

    /** Every position in the portfolio, fee accounts included. */
    List<PositionSnapshot> allPositions() {
        final List<PositionSnapshot> all = new ArrayList<>();
        final KeyValueStore<String, PositionSnapshot> store = portfolio.getKeyValueStore(PortfolioNames.POSITIONS.name());
        try (var it = store.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    List<OrderEvent> eventsOf(final String orderId) {
        return orderEvents.stream().filter(e -> e.getOrderId().equals(orderId)).toList();
    }

    @Override
    public void close() {
        harness.close();
    }
}
