package io.bourse.portfolio.topology;

import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.PayoutDestination;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.schemas.catalogue.UserIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive-query helpers over the portfolio's stores on the instance that owns the user's
 * partition (the edge routes a request there by key).
 */
public final class PortfolioQueries {

    private PortfolioQueries() {
    }

    public static AccountSnapshot account(final ReadOnlyKeyValueStore<String, AccountSnapshot> accounts, final String userId) {
        return accounts.get(userId);
    }

    /** The account registered with {@code email}: user ids derive from it, so this is a key lookup. */
    public static AccountSnapshot accountByEmail(final ReadOnlyKeyValueStore<String, AccountSnapshot> accounts,
            final String email) {
        return accounts.get(UserIds.forEmail(email));
    }

    /** Cash and every holding of the user, cash first. */
    public static List<PositionSnapshot> positions(final ReadOnlyKeyValueStore<String, PositionSnapshot> positions,
            final String userId) {
        final List<PositionSnapshot> result = scan(positions, userId, p -> true);
        result.sort(Comparator.comparing((PositionSnapshot p) -> !p.getAsset().equals("INR")).thenComparing(PositionSnapshot::getAsset));
        return result;
    }

    public static PortfolioOrderSnapshot order(final ReadOnlyKeyValueStore<String, PortfolioOrderSnapshot> orders,
            final String userId, final String orderId) {
        return orders.get(PortfolioRepository.key(userId, orderId));
    }

    /** The user's open orders, newest first. */
    public static List<PortfolioOrderSnapshot> openOrders(final ReadOnlyKeyValueStore<String, PortfolioOrderSnapshot> orders,
            final String userId) {
        final List<PortfolioOrderSnapshot> result = scan(orders, userId, o -> o.getStatus() == PortfolioOrderStatus.OPEN);
        result.sort(Comparator.comparing(PortfolioOrderSnapshot::getCreatedAtMs).reversed());
        return result;
    }

    /** The user's {@code limit} most recent orders, open or not, newest first. */
    public static List<PortfolioOrderSnapshot> recentOrders(final ReadOnlyKeyValueStore<String, PortfolioOrderSnapshot> orders,
            final String userId, final int limit) {
        final List<PortfolioOrderSnapshot> result = scan(orders, userId, o -> true);
        result.sort(Comparator.comparing(PortfolioOrderSnapshot::getCreatedAtMs).reversed());
        return result.subList(0, Math.min(limit, result.size()));
    }

    /** The user's deposit intents, newest first. */
    public static List<DepositIntent> deposits(final ReadOnlyKeyValueStore<String, DepositIntent> intents, final String userId) {
        final List<DepositIntent> result = scan(intents, userId, i -> true);
        result.sort(Comparator.comparing(DepositIntent::getCreatedAtMs).reversed());
        return result;
    }

    /** The user's payout destinations, oldest first. */
    public static List<PayoutDestination> destinations(final ReadOnlyKeyValueStore<String, PayoutDestination> destinations,
            final String userId) {
        final List<PayoutDestination> result = scan(destinations, userId, d -> true);
        result.sort(Comparator.comparing(PayoutDestination::getCreatedAtMs).thenComparing(PayoutDestination::getDestinationId));
        return result;
    }

    /** The user's withdrawals, newest first. */
    public static List<WithdrawalSnapshot> withdrawals(final ReadOnlyKeyValueStore<String, WithdrawalSnapshot> withdrawals,
            final String userId) {
        final List<WithdrawalSnapshot> result = scan(withdrawals, userId, w -> true);
        result.sort(Comparator.comparing(WithdrawalSnapshot::getRequestedAtMs).reversed());
        return result;
    }

    private static <V> List<V> scan(final ReadOnlyKeyValueStore<String, V> store, final String userId, final Predicate<V> keep) {
        final List<V> result = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(userId + PortfolioRepository.SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(kv -> {
                if (keep.test(kv.value)) {
                    result.add(kv.value);
                }
            });
        }
        return result;
    }
}
