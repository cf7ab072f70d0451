package io.bourse.portfolio.topology;

import static io.bourse.portfolio.topology.WiredExchange.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.avro.portfolio.WithdrawalStatus;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.testing.Seeded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Random sessions of deposits, share transfers, orders of every kind, cancels, amends, withdrawals
 * and payouts through the portfolio wired to the real matching topology. After every session: cash
 * and shares are conserved to the paisa and the share, no balance went negative (a position refuses
 * to), and a user with nothing open has nothing reserved. {@link Seeded} prints a failing try's seed;
 * {@code -Dbourse.seed=...} replays it.
 */
class ConservationPropertiesTest {

    private static final String[] SYMBOLS = {"TCS", "INFY"};
    private static final long BASE = 100_000;

    @Test
    void cashAndSharesAreConservedAndNothingStaysReserved() {
        Seeded.check(25, Seeded.longs(), ConservationPropertiesTest::session);
    }

    private static void session(final long seed) throws Exception {
        // Under target/ (mvn clean removes it): 25 tries a run would otherwise pile up in the temp directory.
        final Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "conservation");
        final SplittableRandom random = new SplittableRandom(seed);
        long deposited = 0;
        long paidOut = 0;
        final Map<String, Long> issued = new HashMap<>();
        try (WiredExchange x = new WiredExchange(dir, new PortfolioConfig(random.nextInt(5), random.nextInt(8)))) {
            for (final String symbol : SYMBOLS) {
                x.addInstrument(symbol, BASE, random.nextBoolean() ? null : random.nextInt(10), null);
            }
            final List<String> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                final String user = x.trader("user" + i + "@example.com");
                users.add(user);
                x.deposit(user, 5_000_000);
                deposited += 5_000_000;
                for (final String symbol : SYMBOLS) {
                    x.transferIn(user, symbol, 40);
                    issued.merge(symbol, 40L, Long::sum);
                }
            }
            final List<String[]> orders = new ArrayList<>();
            final List<String[]> withdrawals = new ArrayList<>();
            for (int step = 0; step < 160; step++) {
                final String user = users.get(random.nextInt(users.size()));
                final String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
                final int roll = random.nextInt(100);
                if (roll < 10) {
                    final long amount = 1 + random.nextLong(2_000_000);
                    x.deposit(user, amount);
                    deposited += amount;
                } else if (roll < 16) {
                    final long shares = 1 + random.nextLong(50);
                    x.transferIn(user, symbol, shares);
                    issued.merge(symbol, shares, Long::sum);
                } else if (roll < 60) {
                    final String id = x.nextId("o");
                    final boolean market = random.nextInt(8) == 0;
                    final TimeInForce tif = TimeInForce.values()[random.nextInt(TimeInForce.values().length)];
                    final long price = BASE + (random.nextLong(41) - 20) * 5;
                    x.order(user, place(id, symbol, random.nextBoolean() ? Side.BUY : Side.SELL,
                            market ? OrderType.MARKET : OrderType.LIMIT, tif, market ? null : price, 1 + random.nextLong(20), null));
                    orders.add(new String[] {user, id});
                } else if (roll < 75 && !orders.isEmpty()) {
                    final String[] o = orders.get(random.nextInt(orders.size()));
                    x.cancel(o[0], o[1]);
                } else if (roll < 88 && !orders.isEmpty()) {
                    final String[] o = orders.get(random.nextInt(orders.size()));
                    x.amend(o[0], o[1], random.nextBoolean() ? null : BASE + (random.nextLong(41) - 20) * 5,
                            random.nextBoolean() ? null : 1 + random.nextLong(25));
                } else if (roll < 94) {
                    final String id = x.nextId("w");
                    x.payment(user, PaymentCommandType.REQUEST_WITHDRAWAL, null, id, 1 + random.nextLong(500_000));
                    withdrawals.add(new String[] {user, id});
                } else if (!withdrawals.isEmpty()) {
                    final String[] w = withdrawals.get(random.nextInt(withdrawals.size()));
                    final boolean ok = random.nextBoolean();
                    final WithdrawalSnapshot before = withdrawal(x, w[0], w[1]);
                    x.payment(w[0], ok ? PaymentCommandType.PAYOUT_SUCCEEDED : PaymentCommandType.PAYOUT_FAILED, x.nextId("pout"), w[1],
                            before == null ? 0 : before.getAmountPaise());
                    if (ok && before != null && before.getStatus() == WithdrawalStatus.PENDING) {
                        paidOut += before.getAmountPaise();
                    }
                }
            }

            final List<PositionSnapshot> positions = x.allPositions();
            final long cash = positions.stream().filter(p -> p.getAsset().equals("INR")).mapToLong(p -> p.getAvailable() + p.getReserved()).sum();
            assertThat(cash).as("seed %d: cash held = deposits - payouts", seed).isEqualTo(deposited - paidOut);
            for (final String symbol : SYMBOLS) {
                final long held = positions.stream().filter(p -> p.getAsset().equals(symbol)).mapToLong(p -> p.getAvailable() + p.getReserved()).sum();
                assertThat(held).as("seed %d: %s held = issued", seed, symbol).isEqualTo(issued.getOrDefault(symbol, 0L));
            }
            final Set<String> busy = new HashSet<>();
            final KeyValueStore<String, PortfolioOrderSnapshot> store = x.portfolio.getKeyValueStore(PortfolioNames.ORDERS.name());
            try (var it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value.getStatus() == PortfolioOrderStatus.OPEN) {
                        busy.add(kv.value.getUserId());
                    }
                });
            }
            for (final String[] w : withdrawals) {
                final WithdrawalSnapshot s = withdrawal(x, w[0], w[1]);
                if (s != null && s.getStatus() == WithdrawalStatus.PENDING) {
                    busy.add(w[0]);
                }
            }
            for (final PositionSnapshot p : positions) {
                if (!busy.contains(p.getUserId())) {
                    assertThat(p.getReserved()).as("seed %d: %s of %s with nothing open", seed, p.getAsset(), p.getUserId()).isZero();
                }
            }
            assertThat(x.orderEvents).as("the session must trade").anyMatch(e -> e.getTradeId() != null);
        }
    }

    private static WithdrawalSnapshot withdrawal(final WiredExchange x, final String user, final String id) {
        final KeyValueStore<String, WithdrawalSnapshot> store = x.portfolio.getKeyValueStore(PortfolioNames.WITHDRAWALS.name());
        return store.get(PortfolioRepository.key(user, id));
    }
}
