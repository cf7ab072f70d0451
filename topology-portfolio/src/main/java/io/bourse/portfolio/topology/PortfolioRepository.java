package io.bourse.portfolio.topology;

import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.ledger.LedgerUnit;
import io.bourse.avro.market.Ticker;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.PayoutDestination;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.avro.portfolio.UserCounters;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.portfolio.core.Position;
import io.bourse.schemas.catalogue.PortfolioNames;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The portfolio's state stores behind one small interface; keys are built here only. */
final class PortfolioRepository {

    static final char SEPARATOR = '\0';

    private final KeyValueStore<String, AccountSnapshot> accounts;
    private final KeyValueStore<String, PositionSnapshot> positions;
    private final KeyValueStore<String, PortfolioOrderSnapshot> orders;
    private final KeyValueStore<String, WithdrawalSnapshot> withdrawals;
    private final KeyValueStore<String, UserCounters> counters;
    private final KeyValueStore<String, ProcessedMarker> processed;
    private final KeyValueStore<String, DepositIntent> depositIntents;
    private final KeyValueStore<String, PayoutDestination> payoutDestinations;
    private final ReadOnlyKeyValueStore<String, ?> depositIntentsByOrder;
    private final ReadOnlyKeyValueStore<String, ?> instruments;
    private final ReadOnlyKeyValueStore<String, ?> tickers;

    PortfolioRepository(final ProcessorContext<?, ?> context) {
        this.accounts = context.getStateStore(PortfolioNames.ACCOUNTS.name());
        this.positions = context.getStateStore(PortfolioNames.POSITIONS.name());
        this.orders = context.getStateStore(PortfolioNames.ORDERS.name());
        this.withdrawals = context.getStateStore(PortfolioNames.WITHDRAWALS.name());
        this.counters = context.getStateStore(PortfolioNames.COUNTERS.name());
        this.processed = context.getStateStore(PortfolioNames.PROCESSED.name());
        this.depositIntents = context.getStateStore(PortfolioNames.DEPOSIT_INTENTS.name());
        this.payoutDestinations = context.getStateStore(PortfolioNames.PAYOUT_DESTINATIONS.name());
        this.depositIntentsByOrder = context.getStateStore(PortfolioNames.DEPOSIT_INTENTS_GLOBAL);
        this.instruments = context.getStateStore(PortfolioNames.INSTRUMENTS_GLOBAL);
        this.tickers = context.getStateStore(PortfolioNames.TICKERS_GLOBAL);
    }

    AccountSnapshot account(final String userId) {
        return accounts.get(userId);
    }

    void saveAccount(final AccountSnapshot account) {
        accounts.put(account.getUserId(), account);
    }

    Position position(final String userId, final String asset) {
        final PositionSnapshot stored = positions.get(key(userId, asset));
        return stored == null ? Position.empty(asset) : new Position(asset, stored.getAvailable(), stored.getReserved(),
                stored.getCostBasisPaise(), stored.getRealizedPnlPaise());
    }

    void savePosition(final String userId, final Position position) {
        positions.put(key(userId, position.asset()), PositionSnapshot.newBuilder()
                .setUserId(userId)
                .setAsset(position.asset())
                .setUnit(position.isCash() ? LedgerUnit.PAISE : LedgerUnit.SHARES)
                .setAvailable(position.available())
                .setReserved(position.reserved())
                .setCostBasisPaise(position.costBasisPaise())
                .setRealizedPnlPaise(position.realizedPnlPaise())
                .build());
    }

    PortfolioOrderSnapshot order(final String userId, final String orderId) {
        return orders.get(key(userId, orderId));
    }

    void saveOrder(final PortfolioOrderSnapshot order) {
        orders.put(key(order.getUserId(), order.getOrderId()), order);
    }

    WithdrawalSnapshot withdrawal(final String userId, final String withdrawalId) {
        return withdrawals.get(key(userId, withdrawalId));
    }

    void saveWithdrawal(final WithdrawalSnapshot withdrawal) {
        withdrawals.put(key(withdrawal.getUserId(), withdrawal.getWithdrawalId()), withdrawal);
    }

    DepositIntent depositIntent(final String userId, final String intentId) {
        return depositIntents.get(key(userId, intentId));
    }

    void saveDepositIntent(final DepositIntent intent) {
        depositIntents.put(key(intent.getUserId(), intent.getIntentId()), intent);
    }

    PayoutDestination payoutDestination(final String userId, final String destinationId) {
        return payoutDestinations.get(key(userId, destinationId));
    }

    void savePayoutDestination(final PayoutDestination destination) {
        payoutDestinations.put(key(destination.getUserId(), destination.getDestinationId()), destination);
    }

    /** The intent of a provider order as every instance sees it (a global store: it may lag a moment). */
    DepositIntent depositIntentByOrder(final String providerOrderId) {
        return unwrap(depositIntentsByOrder.get(providerOrderId), DepositIntent.class);
    }

    UserCounters counters(final String userId) {
        final UserCounters stored = counters.get(userId);
        return stored == null ? new UserCounters(0L, 0L, 0L, null) : stored;
    }

    void saveCounters(final String userId, final UserCounters value) {
        counters.put(userId, value);
    }

    ProcessedMarker processed(final String userId, final String kind, final String reference) {
        return processed.get(key(userId, kind + SEPARATOR + reference));
    }

    void markProcessed(final String userId, final ProcessedMarker marker) {
        processed.put(key(userId, marker.getKind() + SEPARATOR + marker.getReference()), marker);
    }

    Instrument instrument(final String symbol) {
        return unwrap(instruments.get(symbol), Instrument.class);
    }

    Ticker ticker(final String symbol) {
        return unwrap(tickers.get(symbol), Ticker.class);
    }

    static String key(final String userId, final String part) {
        return userId + SEPARATOR + part;
    }

    /** Global stores built by the DSL hold timestamped values; ours hold plain ones. Accept both. */
    static <T> T unwrap(final Object value, final Class<T> type) {
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            return type.cast(timestamped.value());
        }
        return type.cast(value);
    }

}
