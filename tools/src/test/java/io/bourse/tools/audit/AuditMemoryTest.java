package io.bourse.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.Liquidity;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.ledger.LedgerUnit;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Millions of synthetic orders through {@link AuditChecks}, the way a day of trading reaches it: what
 * stays on the heap grows with the orders of one user partition by a few bytes each, and nothing of a
 * partition stays once it is judged. Not a timed test: the rate is printed, not asserted.
 *
 * <p>{@code -Daudit.memory.orders=10000000} (with {@code -DargLine=-Xmx512m}) runs the ten-million-order
 * case documented in docs/operations.md.
 */
class AuditMemoryTest {

    private static final Instant T = Instant.parse("2026-11-24T04:00:00Z");
    private static final int PARTITIONS = 3;
    private static final int USERS_PER_PARTITION = 2_000;
    private static final long PRICE = 10_000;

    @Test
    void shouldKeepAFewBytesPerClosedOrderAndNothingOfAJudgedPartition() {
        final long orders = Long.getLong("audit.memory.orders", 1_500_000L);
        final long seed = Long.getLong("audit.memory.seed", System.nanoTime());
        System.out.println("AuditMemoryTest seed " + seed + ", " + orders + " orders");
        final SplittableRandom random = new SplittableRandom(seed);
        final AuditChecks audit = new AuditChecks();
        final Synthetic feed = new Synthetic(audit);
        final long before = usedHeapAfterGc();
        final long started = System.nanoTime();
        final long perPartition = orders / PARTITIONS / 2 * 2;
        final long[] heapAfterPartition = new long[PARTITIONS];
        long closedBytes = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            feed.partition(p, perPartition, random);
            closedBytes = Math.max(closedBytes, audit.closedOrderBytes());
            audit.endPartition();
            heapAfterPartition[p] = usedHeapAfterGc() - before;
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(audit.violations()).isEmpty();
        System.out.printf("AuditMemoryTest: %d records (%d orders) in %.1f s, %.0f records/s; closed-order table %d MB at most; "
                + "heap kept after each partition %s MB%n", audit.records(), audit.ordersClosed(), seconds, audit.records() / seconds,
                closedBytes >> 20, java.util.Arrays.toString(java.util.Arrays.stream(heapAfterPartition).map(b -> b >> 20).toArray()));

        assertThat(audit.ordersClosed()).isEqualTo(PARTITIONS * perPartition);
        // At most 2/3 of the slots are used, and a table doubles: 12 to 24 bytes per closed order of a partition.
        assertThat(closedBytes).isLessThanOrEqualTo(24 * perPartition + 8 * 1024);
        // What a judged partition leaves behind is sums and three bits per trade, not its orders.
        assertThat(heapAfterPartition[PARTITIONS - 1] - heapAfterPartition[0]).isLessThan(16L << 20);
        assertThat(heapAfterPartition[PARTITIONS - 1]).isLessThan(64L << 20);
    }

    /** Reused, mutated records: the generator must not be what fills the heap. */
    private static final class Synthetic {
        private final AuditChecks audit;
        private final OrderEvent event = new OrderEvent("e", 1L, OrderEventType.ACCEPTED, "o", null, "u", "TCS", Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, PRICE, 1L, 0L, 1L, 0L, null, null, null, null, null, null, null, T, null);
        private final LedgerEntry entry = new LedgerEntry("l", 1L, "u", "INR", LedgerUnit.PAISE, 0L, 0L, 0L, 0L, LedgerReason.DEPOSIT,
                null, null, null, T);
        private final Trade trade = new Trade("TCS-1", 1L, "TCS", PRICE, 1L, Side.BUY, "b", "ub", "s", "us", T);
        private long tradeSequence;
        private long[] sequence;
        private long[] cash;
        private long[] shares;
        private String[] users;

        Synthetic(final AuditChecks audit) {
            this.audit = audit;
        }

        void partition(final int p, final long orders, final SplittableRandom random) {
            users = new String[USERS_PER_PARTITION];
            sequence = new long[USERS_PER_PARTITION];
            cash = new long[USERS_PER_PARTITION];
            shares = new long[USERS_PER_PARTITION];
            for (int u = 0; u < USERS_PER_PARTITION; u++) {
                users[u] = "u-" + p + "-" + u;
                audit.payment(new PaymentEvent("p" + u, PaymentEventType.DEPOSIT_CONFIRMED, users[u], "sandbox", "dep-" + users[u],
                        null, 1_000_000_000_000L, "INR", null, null, null, null, null, null, T));
                post(u, "INR", 1_000_000_000_000L, LedgerReason.DEPOSIT, "dep-" + users[u]);
                post(u, "TCS", 1_000_000_000L, LedgerReason.SHARE_TRANSFER_IN, "seed");
            }
            // Orders trade against each other in pairs inside the partition: buyer and seller both settle here.
            for (long i = 0; i < orders; i += 2) {
                final int buyer = random.nextInt(USERS_PER_PARTITION);
                final int seller = random.nextInt(USERS_PER_PARTITION);
                final long quantity = 1 + random.nextInt(50);
                final long id = ++tradeSequence;
                final String buyOrder = "o-" + p + "-" + i;
                final String sellOrder = "o-" + p + "-" + (i + 1);
                side(buyer, buyOrder, Side.BUY, id, quantity);
                side(seller, sellOrder, Side.SELL, id, quantity);
                trade.setSequence(id);
                trade.setTradeId("TCS-" + id);
                trade.setQuantityShares(quantity);
                trade.setBuyOrderId(buyOrder);
                trade.setBuyUserId(users[buyer]);
                trade.setSellOrderId(sellOrder);
                trade.setSellUserId(users[seller]);
                audit.trade(trade);
            }
        }

        private void side(final int user, final String orderId, final Side side, final long tradeId, final long quantity) {
            event.setUserId(users[user]);
            event.setOrderId(orderId);
            event.setSide(side);
            event.setQuantityShares(quantity);
            event.setType(OrderEventType.ACCEPTED);
            event.setFilledQuantityShares(0L);
            event.setTradeId(null);
            event.setFillPricePaise(null);
            event.setFillQuantityShares(null);
            event.setLiquidity(null);
            audit.orderEvent(event);
            event.setType(OrderEventType.FILL);
            event.setFilledQuantityShares(quantity);
            event.setTradeId("TCS-" + tradeId);
            event.setFillPricePaise(PRICE);
            event.setFillQuantityShares(quantity);
            event.setLiquidity(Liquidity.MAKER);
            audit.orderEvent(event);
            event.setType(OrderEventType.FILLED);
            audit.orderEvent(event);
            final long notional = PRICE * quantity;
            post(user, "INR", side == Side.BUY ? -notional : notional, LedgerReason.TRADE_SETTLEMENT, null);
            post(user, "TCS", side == Side.BUY ? quantity : -quantity, LedgerReason.TRADE_SETTLEMENT, null);
        }

        private void post(final int user, final String asset, final long delta, final LedgerReason reason, final String payment) {
            final long[] balance = asset.equals("INR") ? cash : shares;
            balance[user] += delta;
            final long s = ++sequence[user];
            entry.setEntryId(users[user]);
            entry.setSequence(s);
            entry.setUserId(users[user]);
            entry.setAsset(asset);
            entry.setAvailableDelta(delta);
            entry.setAvailableAfter(balance[user]);
            entry.setReason(reason);
            entry.setPaymentId(payment);
            audit.ledger(entry);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
