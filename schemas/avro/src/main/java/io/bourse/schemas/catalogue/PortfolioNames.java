package io.bourse.schemas.catalogue;

import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.PayoutDestination;
import io.bourse.avro.payments.ProviderPaymentReport;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.avro.portfolio.UserCounters;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import java.util.List;

/** The names inside the portfolio topology: application id, processors and stores. */
public final class PortfolioNames {

    public static final String APPLICATION_ID = "bourse-portfolio";

    public static final String READ_ACCOUNT_COMMANDS = "read-account-commands";
    public static final String READ_ORDER_COMMANDS = "read-order-commands";
    public static final String READ_PAYMENTS = "read-payments";
    public static final String READ_DEPOSIT_CLAIMS = "read-deposit-claims";
    public static final String READ_PROVIDER_REPORTS = "read-provider-reports";
    public static final String READ_DEPOSIT_INTENTS = "read-deposit-intents";
    public static final String READ_MATCHING_RESULTS = "read-matching-results";
    public static final String READ_INSTRUMENTS = "read-instruments";
    public static final String READ_TICKERS = "read-tickers";

    public static final String APPLY_ACCOUNT_COMMANDS = "apply-account-commands";
    public static final String RESERVE_FUNDS = "reserve-funds";
    public static final String APPLY_PAYMENTS = "apply-payments";
    public static final String RECONCILE_DEPOSITS = "reconcile-deposits";
    public static final String CLAIM_PROVIDER_PAYMENTS = "claim-provider-payments";
    public static final String STORE_DEPOSIT_INTENTS = "store-deposit-intents";
    public static final String SETTLE_RESULTS = "settle-results";
    public static final String STORE_INSTRUMENTS = "store-instruments";
    public static final String STORE_TICKERS = "store-tickers";

    public static final String WRITE_MATCHING_COMMANDS = "write-matching-commands";
    public static final String WRITE_ORDER_EVENTS = "write-order-events";
    public static final String WRITE_LEDGER = "write-ledger";
    public static final String WRITE_ACCOUNT_EVENTS = "write-account-events";
    public static final String WRITE_PAYMENT_EVENTS = "write-payment-events";
    public static final String WRITE_DEPOSIT_INTENTS = "write-deposit-intents";
    /** The claim step's own sinks: a sink shared with the user-keyed step would merge the two sub-topologies. */
    public static final String WRITE_DEPOSIT_CLAIMS = "write-deposit-claims";
    public static final String WRITE_UNMATCHED_PAYMENTS = "write-unmatched-payments";

    /**
     * The pseudo-user that keys {@code payments.events} records about provider reports whose provider
     * order no deposit intent names: there is no user to key them by, and an operator finds them all here.
     */
    public static final String UNMATCHED_PAYMENTS_KEY = "unmatched-payments";

    public static final Store<AccountSnapshot> ACCOUNTS = new Store<>("accounts", AccountSnapshot.class);
    /** Key {@code <userId>\0<asset>}. */
    public static final Store<PositionSnapshot> POSITIONS = new Store<>("positions", PositionSnapshot.class);
    /** Key {@code <userId>\0<orderId>}. */
    public static final Store<PortfolioOrderSnapshot> ORDERS = new Store<>("portfolio-orders", PortfolioOrderSnapshot.class);
    /** Key {@code <userId>\0<withdrawalId>}. */
    public static final Store<WithdrawalSnapshot> WITHDRAWALS = new Store<>("withdrawals", WithdrawalSnapshot.class);
    /** Key {@code <userId>\0<intentId>}. */
    public static final Store<DepositIntent> DEPOSIT_INTENTS = new Store<>("deposit-intents", DepositIntent.class);
    /** Key {@code <userId>\0<destinationId>}: where the user's withdrawals may be paid. */
    public static final Store<PayoutDestination> PAYOUT_DESTINATIONS = new Store<>("payout-destinations", PayoutDestination.class);
    /**
     * The claim step's memory, key provider payment id: the provider order each payment id was first
     * claimed for ({@link ProcessedMarker#getOrderId()}), so no payment id credits two intents.
     */
    public static final Store<ProcessedMarker> PROVIDER_PAYMENTS = new Store<>("provider-payments", ProcessedMarker.class);
    /**
     * Provider reports whose provider order the claim step has not seen an intent for yet, key
     * {@code <providerPaymentId>\0<event>}: retried until the intent arrives or the grace period ends.
     */
    public static final Store<ProviderPaymentReport> PARKED_PROVIDER_REPORTS = new Store<>("parked-provider-reports",
            ProviderPaymentReport.class);
    /** Key user id. */
    public static final Store<UserCounters> COUNTERS = new Store<>("user-counters", UserCounters.class);
    /** Key {@code <userId>\0<kind>\0<reference>}. */
    public static final Store<ProcessedMarker> PROCESSED = new Store<>("processed-references", ProcessedMarker.class);

    /** Global copies of the compacted {@code instruments} and {@code market.tickers} topics. */
    public static final String INSTRUMENTS_GLOBAL = "instruments-global";
    public static final String TICKERS_GLOBAL = "tickers-global";
    /** Global copy of the compacted {@code payments.deposit-intents} topic, key provider order id. */
    public static final String DEPOSIT_INTENTS_GLOBAL = "deposit-intents-global";

    /** The stores of the user-keyed sub-topology. */
    public static final List<Store<?>> STORES = List.of(ACCOUNTS, POSITIONS, ORDERS, WITHDRAWALS, COUNTERS, PROCESSED,
            DEPOSIT_INTENTS, PAYOUT_DESTINATIONS);
    /** The stores of the claim step, keyed by provider payment id. */
    public static final List<Store<?>> CLAIM_STORES = List.of(PROVIDER_PAYMENTS, PARKED_PROVIDER_REPORTS);

    private PortfolioNames() {
    }
}
