package io.bourse.schemas.catalogue;

import static io.bourse.schemas.catalogue.Partitioning.BY_SYMBOL;
import static io.bourse.schemas.catalogue.Partitioning.BY_USER;
import static io.bourse.schemas.catalogue.Partitioning.SINGLE;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.TokenRevocation;
import io.bourse.avro.deadletter.DeadLetter;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.market.Candle;
import io.bourse.avro.market.Ticker;
import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.MatchingCommand;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationCommand;
import io.bourse.avro.notifications.NotificationDeadLetter;
import io.bourse.avro.notifications.NotificationDelivery;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.DepositClaim;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.ProviderPaymentReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: every topic of the exchange, named once. Each topic has exactly one
 * writer (see ARCHITECTURE.md); the comment on each constant says who.
 *
 * <p>All user-keyed topics share one partition count and so do all symbol-keyed ones, because the
 * topologies join them by key (co-partitioning). The counts are chosen when a cluster's topics are
 * created ({@link PartitionCounts}) and cannot change afterwards without a migration.
 */
public final class Topics {

    /** Partitions of every topic keyed by user id, unless the cluster was created with other {@link PartitionCounts}. */
    public static final int USER_PARTITIONS = Partitioning.BY_USER.defaultPartitions();
    /** Partitions of every topic keyed by symbol, unless the cluster was created with other {@link PartitionCounts}. */
    public static final int SYMBOL_PARTITIONS = Partitioning.BY_SYMBOL.defaultPartitions();

    private static final long FOREVER = -1L;
    private static final long ONE_WEEK = Duration.ofDays(7).toMillis();
    private static final long THIRTY_DAYS = Duration.ofDays(30).toMillis();

    /** Order commands from clients (place, cancel, amend, share transfer-in). Writer: edge. */
    public static final Topic<OrderCommand> ORDERS_COMMANDS =
            new Topic<>("orders.commands", "user id", OrderCommand.class, BY_USER, false, FOREVER);

    /** Orders and admin commands after the portfolio checks. Writer: portfolio. */
    public static final Topic<MatchingCommand> MATCHING_COMMANDS =
            new Topic<>("matching.commands", "symbol", MatchingCommand.class, BY_SYMBOL, false, FOREVER);

    /** Per-order results of matching: resting, fills, cancels, expiries, rejections. Writer: matching. */
    public static final Topic<MatchingResult> MATCHING_RESULTS =
            new Topic<>("matching.results", "user id", MatchingResult.class, BY_USER, false, FOREVER);

    /** Executed trades. Writer: matching. */
    public static final Topic<Trade> TRADES_EXECUTED =
            new Topic<>("trades.executed", "symbol", Trade.class, BY_SYMBOL, false, FOREVER);

    /** L2 level changes with a gap-free per-symbol sequence. Writer: matching. */
    public static final Topic<BookUpdate> BOOK_UPDATES =
            new Topic<>("market.book-updates", "symbol", BookUpdate.class, BY_SYMBOL, false, ONE_WEEK);

    /**
     * Instrument definitions and trading status, latest per symbol. Writer: matching. One partition:
     * every node reads it whole as a global table, so it is exempt from co-partitioning.
     */
    public static final Topic<Instrument> INSTRUMENTS =
            new Topic<>("instruments", "symbol", Instrument.class, SINGLE, true, FOREVER);

    /** User-facing order lifecycle events. Writer: portfolio. */
    public static final Topic<OrderEvent> ORDERS_EVENTS =
            new Topic<>("orders.events", "user id", OrderEvent.class, BY_USER, false, FOREVER);

    /**
     * Every balance change, append-only: one record per account and input record, holding that
     * command's entries for the account. Writer: portfolio. It replaced {@code portfolio.ledger}, one
     * record per entry, which is no longer written.
     */
    public static final Topic<LedgerPosting> PORTFOLIO_POSTINGS =
            new Topic<>("portfolio.postings", "user id", LedgerPosting.class, BY_USER, false, FOREVER);

    /** Registration, KYC and suspension commands. Writer: edge. */
    public static final Topic<AccountCommand> ACCOUNTS_COMMANDS =
            new Topic<>("accounts.commands", "user id", AccountCommand.class, BY_USER, false, FOREVER);

    /** Account lifecycle events, without secrets. Writer: portfolio. */
    public static final Topic<AccountEvent> ACCOUNTS_EVENTS =
            new Topic<>("accounts.events", "user id", AccountEvent.class, BY_USER, false, FOREVER);

    /** Deposit intents, withdrawal requests and payout results from users and the sandbox. Writer: edge. */
    public static final Topic<PaymentCommand> PAYMENTS_COMMANDS =
            new Topic<>("payments.commands", "user id", PaymentCommand.class, BY_USER, false, FOREVER);

    /**
     * Provider webhooks about payments, signature-verified and well-typed, naming no user. Writer:
     * edge. One partition: few records, and one task sees every payment id, so each credits at most
     * once across the exchange.
     */
    public static final Topic<ProviderPaymentReport> PAYMENTS_PROVIDER_REPORTS =
            new Topic<>("payments.provider-reports", "provider payment id", ProviderPaymentReport.class, SINGLE, false, FOREVER);

    /**
     * Every deposit intent, latest per provider order id: the lookup from a provider order to the
     * user who started it, read whole by every portfolio instance. Writer: portfolio.
     */
    public static final Topic<DepositIntent> PAYMENTS_DEPOSIT_INTENTS =
            new Topic<>("payments.deposit-intents", "provider order id", DepositIntent.class, SINGLE, true, FOREVER);

    /** Provider reports matched to their intent's user, for that user's step to reconcile. Writer: portfolio. */
    public static final Topic<DepositClaim> PAYMENTS_DEPOSIT_CLAIMS =
            new Topic<>("payments.deposit-claims", "user id", DepositClaim.class, BY_USER, false, FOREVER);

    /**
     * What the portfolio decided about each payment: intents, credited and refused deposits (with a
     * reason code), withdrawals and payouts. Writer: portfolio.
     */
    public static final Topic<PaymentEvent> PAYMENTS_EVENTS =
            new Topic<>("payments.events", "user id", PaymentEvent.class, BY_USER, false, FOREVER);

    /** OHLCV candles, emitted as they change. Writer: marketdata. */
    public static final Topic<Candle> MARKET_CANDLES =
            new Topic<>("market.candles", "symbol", Candle.class, BY_SYMBOL, false, THIRTY_DAYS);

    /** Rolling 24-hour tickers, latest per symbol. Writer: marketdata. */
    public static final Topic<Ticker> MARKET_TICKERS =
            new Topic<>("market.tickers", "symbol", Ticker.class, BY_SYMBOL, true, FOREVER);

    /** Records no topology could read or process, with the reason. Writers: every topology's error handlers. */
    public static final Topic<DeadLetter> DEAD_LETTERS =
            new Topic<>("bourse.dead-letters", "source topic", DeadLetter.class, SINGLE, false, THIRTY_DAYS);

    /**
     * Refresh tokens revoked by logout or rotation; every node follows it, so a revoked token is
     * refused everywhere. Kept as long as the longest refresh token may live. Writer: edge.
     */
    public static final Topic<TokenRevocation> AUTH_REVOCATIONS =
            new Topic<>("auth.revocations", "user id", TokenRevocation.class, BY_USER, false, THIRTY_DAYS);

    /**
     * Notification preference changes and device registrations from users: kept whole, the
     * preferences store is rebuilt from it. Writer: edge.
     */
    public static final Topic<NotificationCommand> NOTIFICATIONS_COMMANDS =
            new Topic<>("notifications.commands", "user id", NotificationCommand.class, BY_USER, false, FOREVER);

    /**
     * Rendered messages, one per (event, channel), for the dispatcher to deliver. Kept a month: the
     * in-app inbox keeps its own copy. Writer: notifications.
     */
    public static final Topic<Notification> NOTIFICATIONS =
            new Topic<>("notifications", "user id", Notification.class, BY_USER, false, THIRTY_DAYS);

    /**
     * The delivery status of every e-mail, SMS and push notification the dispatcher settled (SENT,
     * FAILED with a reason, SKIPPED; an in-app one has the inbox as its record); its SENT records are
     * the dispatcher's record of what it delivered, read back after a restart so a replay skips them.
     * Writer: the dispatcher.
     */
    public static final Topic<NotificationDelivery> NOTIFICATIONS_DELIVERIES =
            new Topic<>("notifications.deliveries", "user id", NotificationDelivery.class, BY_USER, false, THIRTY_DAYS);

    /** Notifications the dispatcher could not deliver, with the reason, for an operator. Writer: the dispatcher. */
    public static final Topic<NotificationDeadLetter> NOTIFICATIONS_DEAD_LETTERS =
            new Topic<>("notifications.dead-letters", "user id", NotificationDeadLetter.class, BY_USER, false, THIRTY_DAYS);

    /** Every topic above, in data-flow order. */
    public static final List<Topic<?>> ALL = List.of(
            ORDERS_COMMANDS, ACCOUNTS_COMMANDS, PAYMENTS_COMMANDS, PAYMENTS_PROVIDER_REPORTS, PAYMENTS_DEPOSIT_INTENTS,
            PAYMENTS_DEPOSIT_CLAIMS, PAYMENTS_EVENTS, MATCHING_COMMANDS, MATCHING_RESULTS,
            TRADES_EXECUTED, BOOK_UPDATES, INSTRUMENTS, ORDERS_EVENTS, PORTFOLIO_POSTINGS, ACCOUNTS_EVENTS,
            MARKET_CANDLES, MARKET_TICKERS, NOTIFICATIONS_COMMANDS, NOTIFICATIONS, NOTIFICATIONS_DELIVERIES,
            NOTIFICATIONS_DEAD_LETTERS, AUTH_REVOCATIONS, DEAD_LETTERS);

    /** The compacted topic where the schema registry keeps its schemas (Confluent's default name). */
    public static final String SCHEMAS = "_schemas";

    /**
     * Dead-letter topic of the Kafka Connect sinks: records a sink connector could not convert or
     * write, as they were, with Connect's error context headers. Writer: Kafka Connect, which creates
     * it. Raw bytes of any topic rather than one Avro type, so not in {@link #ALL}.
     */
    public static final String CONNECT_DEAD_LETTERS = "bourse.connect-dead-letters";

    private Topics() {
    }

    /** The catalogue entry named {@code name}, if any. */
    public static Optional<Topic<?>> byName(final String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
