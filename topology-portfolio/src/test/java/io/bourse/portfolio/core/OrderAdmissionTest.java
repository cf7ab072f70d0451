package io.bourse.portfolio.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.portfolio.core.OrderAdmission.Decision;
import io.bourse.portfolio.core.OrderAdmission.LastPrices;
import io.bourse.portfolio.core.OrderAdmission.Listing;
import io.bourse.portfolio.core.OrderAdmission.OrderRequest;
import io.bourse.portfolio.core.OrderAdmission.Refusal;
import io.bourse.portfolio.core.OrderAdmission.Standing;
import io.bourse.testing.Seeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderAdmissionTest {

    private static final String USER = "u-asha";
    private static final String SYMBOL = "TCS";
    private static final int DEFAULT_MAKER = 1;
    private static final int DEFAULT_TAKER = 3;
    /** Tick 5 paise, base price ₹4,000.00, band ±10 %, the exchange's default fees. */
    private static final Listing TCS = new Listing(SYMBOL, 5, 400_000, 1_000, null, null);
    private static final Standing APPROVED = Standing.of(false, true);
    private static final LastPrices NO_TRADES = symbol -> OptionalLong.empty();

    private final InMemoryBalances balances = new InMemoryBalances();
    private final OrderAdmission admission = new OrderAdmission(
            new OrderAccounting(balances.balances(), OrderAccounting.FEE_ACCOUNT_PREFIX + 0), DEFAULT_MAKER, DEFAULT_TAKER);

    private static OrderRequest limitBuy(final long pricePaise, final long quantityShares) {
        return new OrderRequest("o-1", USER, SYMBOL, true, false, pricePaise, quantityShares, false);
    }

    private static OrderRequest limitSell(final long pricePaise, final long quantityShares) {
        return new OrderRequest("o-1", USER, SYMBOL, false, false, pricePaise, quantityShares, false);
    }

    private static OrderRequest marketBuy(final long quantityShares) {
        return new OrderRequest("o-1", USER, SYMBOL, true, true, null, quantityShares, false);
    }

    private Decision place(final OrderRequest request) {
        return admission.place(request, APPROVED, TCS, NO_TRADES);
    }

    @Nested
    class Place {

        @Test
        void shouldRefuseAnAccountThePortfolioDoesNotKnow() {
            balances.deposit(USER, 1_000_000_000);
            assertRefusedWithoutReserving(admission.place(limitBuy(400_000, 1), Standing.UNKNOWN, TCS, NO_TRADES),
                    Refusal.ACCOUNT_UNKNOWN);
        }

        @Test
        void shouldRefuseASuspendedAccountEvenWithKycApproved() {
            balances.deposit(USER, 1_000_000_000);
            assertRefusedWithoutReserving(admission.place(limitBuy(400_000, 1), Standing.of(true, true), TCS, NO_TRADES),
                    Refusal.ACCOUNT_SUSPENDED);
        }

        @Test
        void shouldRefuseAnAccountWhoseKycIsNotApproved() {
            balances.deposit(USER, 1_000_000_000);
            assertRefusedWithoutReserving(admission.place(limitBuy(400_000, 1), Standing.of(false, false), TCS, NO_TRADES),
                    Refusal.KYC_NOT_APPROVED);
        }

        @Test
        void shouldCheckTheAccountBeforeTheOrder() {
            final OrderRequest everythingWrong = new OrderRequest("o-1", USER, "NOPE", true, true, 5L, 0, true);
            assertThat(admission.place(everythingWrong, Standing.UNKNOWN, null, NO_TRADES).refusal())
                    .isEqualTo(Refusal.ACCOUNT_UNKNOWN);
            assertThat(admission.place(everythingWrong, APPROVED, null, NO_TRADES).refusal()).isEqualTo(Refusal.UNKNOWN_SYMBOL);
            assertThat(admission.place(everythingWrong, APPROVED, TCS, NO_TRADES).refusal())
                    .isEqualTo(Refusal.QUANTITY_OUT_OF_RANGE);
        }

        @Test
        void shouldRefuseASymbolThatIsNotListed() {
            balances.deposit(USER, 1_000_000_000);
            final Decision decision = admission.place(limitBuy(400_000, 1), APPROVED, null, NO_TRADES);
            assertRefusedWithoutReserving(decision, Refusal.UNKNOWN_SYMBOL);
            assertThat(decision.order().makerFeeBasisPoints()).isEqualTo(DEFAULT_MAKER);
            assertThat(decision.order().takerFeeBasisPoints()).isEqualTo(DEFAULT_TAKER);
        }

        @Test
        void shouldRefuseANonPositiveQuantity() {
            balances.deposit(USER, 1_000_000_000);
            assertRefusedWithoutReserving(place(limitBuy(400_000, 0)), Refusal.QUANTITY_OUT_OF_RANGE);
            assertRefusedWithoutReserving(place(limitBuy(400_000, -3)), Refusal.QUANTITY_OUT_OF_RANGE);
            assertRefusedWithoutReserving(place(marketBuy(0)), Refusal.QUANTITY_OUT_OF_RANGE);
        }

        @Test
        void shouldRefuseAMarketOrderWithALimitPriceOrPostOnly() {
            balances.deposit(USER, 1_000_000_000);
            assertRefusedWithoutReserving(place(new OrderRequest("o-1", USER, SYMBOL, true, true, 400_000L, 1, false)),
                    Refusal.INVALID_ORDER);
            assertRefusedWithoutReserving(place(new OrderRequest("o-1", USER, SYMBOL, true, true, 0L, 1, false)),
                    Refusal.INVALID_ORDER);
            assertRefusedWithoutReserving(place(new OrderRequest("o-1", USER, SYMBOL, false, true, null, 1, true)),
                    Refusal.INVALID_ORDER);
        }

        @Test
        void shouldRefuseALimitOrderWithoutAPositivePrice() {
            balances.deposit(USER, 1_000_000_000);
            assertRefusedWithoutReserving(place(new OrderRequest("o-1", USER, SYMBOL, true, false, null, 1, false)),
                    Refusal.INVALID_PRICE);
            assertRefusedWithoutReserving(place(limitBuy(0, 1)), Refusal.INVALID_PRICE);
            assertRefusedWithoutReserving(place(limitSell(-5, 1)), Refusal.INVALID_PRICE);
        }

        @Test
        void shouldReserveTheNotionalAndTheLargestFeeRoundedUpForALimitBuy() {
            balances.deposit(USER, 10_000_000);

            final Decision decision = place(limitBuy(245_500, 10));

            assertThat(decision.admitted()).isTrue();
            // 2,455,000 paise notional; the taker fee of 3 bps is 736.5, held as 737.
            assertThat(decision.order().reservedPaise()).isEqualTo(2_455_737);
            assertThat(decision.order().status()).isEqualTo(OrderStatus.OPEN);
            assertThat(decision.order().openQuantityShares()).isEqualTo(10);
            assertThat(balances.cash(USER)).isEqualTo(new Position(Position.CASH, 10_000_000 - 2_455_737, 2_455_737, 0, 0));
            assertThat(balances.postings).hasSize(1);
        }

        @Test
        void shouldTakeTheListingsOwnFeesOverTheDefaults() {
            balances.deposit(USER, 10_000_000);
            final Listing ownFees = new Listing(SYMBOL, 5, 400_000, 1_000, 10, 20);

            final Decision decision = admission.place(limitBuy(100_000, 10), APPROVED, ownFees, NO_TRADES);

            assertThat(decision.order().makerFeeBasisPoints()).isEqualTo(10);
            assertThat(decision.order().takerFeeBasisPoints()).isEqualTo(20);
            assertThat(decision.order().reservedPaise()).isEqualTo(1_000_000 + 2_000);
        }

        @Test
        void shouldAdmitABuyThatNeedsExactlyTheAvailableCash() {
            balances.deposit(USER, 2_455_737);
            assertThat(place(limitBuy(245_500, 10)).admitted()).isTrue();
            assertThat(balances.cash(USER).available()).isZero();
        }

        @Test
        void shouldRefuseABuyOnePaiseShortOfTheCashItNeeds() {
            balances.deposit(USER, 2_455_736);
            assertRefusedWithoutReserving(place(limitBuy(245_500, 10)), Refusal.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldReserveTheSharesOfASell() {
            balances.give(USER, SYMBOL, 10);

            final Decision decision = place(limitSell(400_000, 10));

            assertThat(decision.admitted()).isTrue();
            assertThat(decision.order().reservedShares()).isEqualTo(10);
            assertThat(decision.order().reservedPaise()).isZero();
            assertThat(balances.position(USER, SYMBOL).reserved()).isEqualTo(10);
        }

        @Test
        void shouldRefuseASellOfSharesTheTraderDoesNotHave() {
            balances.give(USER, SYMBOL, 9);
            balances.deposit(USER, 1_000_000_000);
            assertRefusedWithoutReserving(place(limitSell(400_000, 10)), Refusal.INSUFFICIENT_SHARES);
        }

        @Test
        void shouldCapAMarketBuyAtTheTopOfTheBandAroundTheBasePriceBeforeAnyTrade() {
            balances.deposit(USER, 100_000_000);

            final Decision decision = place(marketBuy(10));

            // 4,000.00 + 10 % = 4,400.00 a share; the cap is held with the taker fee on it.
            assertThat(decision.admitted()).isTrue();
            assertThat(decision.order().notionalCapPaise()).isEqualTo(4_400_000);
            assertThat(decision.order().reservedPaise()).isEqualTo(4_400_000 + 1_320);
        }

        @Test
        void shouldCapAMarketBuyAroundTheLastPriceRoundedDownToTheTick() {
            balances.deposit(USER, 100_000_000);

            final Decision decision = admission.place(marketBuy(2), APPROVED, TCS, symbol -> OptionalLong.of(300_003));

            // 300,003 × 1.1 = 330,003.3, down to the 5-paise tick: 330,000.
            assertThat(OrderAdmission.protectionPricePaise(TCS, OptionalLong.of(300_003))).isEqualTo(330_000);
            assertThat(decision.order().notionalCapPaise()).isEqualTo(660_000);
        }

        @Test
        void shouldRefuseAMarketBuyWhoseCapIsBeyondTheCash() {
            balances.deposit(USER, 4_401_319);
            final Decision decision = place(marketBuy(10));
            assertRefusedWithoutReserving(decision, Refusal.INSUFFICIENT_FUNDS);
            assertThat(decision.order().notionalCapPaise()).isEqualTo(4_400_000);
        }

        @Test
        void shouldReserveOnlySharesForAMarketSell() {
            balances.give(USER, SYMBOL, 5);
            final Decision decision = place(new OrderRequest("o-1", USER, SYMBOL, false, true, null, 5, false));
            assertThat(decision.admitted()).isTrue();
            assertThat(decision.order().notionalCapPaise()).isZero();
            assertThat(decision.order().reservedShares()).isEqualTo(5);
        }

        @Test
        void shouldRefuseAmountsBeyondALongInsteadOfOverflowing() {
            balances.deposit(USER, Long.MAX_VALUE / 2);
            assertRefusedWithoutReserving(place(limitBuy(Long.MAX_VALUE / 4, 3)), Refusal.QUANTITY_OUT_OF_RANGE);
            final Decision market = place(marketBuy(Long.MAX_VALUE / 1_000));
            assertRefusedWithoutReserving(market, Refusal.QUANTITY_OUT_OF_RANGE);
            assertThat(market.order().notionalCapPaise()).isZero();
        }

        @Test
        void shouldDescribeARefusedOrderAsRejectedWithNothingOpen() {
            final Decision decision = place(limitBuy(400_000, 7));
            assertThat(decision.refusal()).isEqualTo(Refusal.INSUFFICIENT_FUNDS);
            assertThat(decision.order().status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(decision.order().openQuantityShares()).isZero();
            assertThat(decision.order().quantityShares()).isEqualTo(7);
        }
    }

    @Nested
    class Cancel {

        @Test
        void shouldRefuseToCancelAnOrderTheUserHasNoRecordOf() {
            assertThat(admission.cancel(null)).contains(Refusal.UNKNOWN_ORDER);
        }

        @Test
        void shouldRefuseToCancelAnOrderThatEnded() {
            for (final OrderStatus ended : List.of(OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.EXPIRED,
                    OrderStatus.REJECTED)) {
                assertThat(admission.cancel(restingBuy(100_000, 10, 0, ended))).contains(Refusal.ORDER_NOT_OPEN);
            }
        }

        @Test
        void shouldLetAnOpenOrderBeCancelled() {
            assertThat(admission.cancel(restingBuy(100_000, 10, 0, OrderStatus.OPEN))).isEmpty();
        }
    }

    @Nested
    class Amend {

        @Test
        void shouldRefuseToAmendAnOrderTheUserHasNoRecordOf() {
            assertThat(admission.amend(null, 100_000L, null).refusal()).isEqualTo(Refusal.UNKNOWN_ORDER);
        }

        @Test
        void shouldRefuseToAmendAnOrderThatEnded() {
            assertRefusedUnchanged(restingBuy(100_000, 10, 0, OrderStatus.FILLED), 90_000L, null, Refusal.ORDER_NOT_OPEN);
        }

        @Test
        void shouldRefuseASecondAmendWhileOneIsPending() {
            balances.deposit(USER, 10_000_000);
            final OrderAccount pending = admission.amend(restingBuy(100_000, 10, 0, OrderStatus.OPEN), 110_000L, null).order();
            assertThat(pending.amendPending()).isTrue();
            assertRefusedUnchanged(pending, 90_000L, null, Refusal.AMEND_PENDING);
        }

        @Test
        void shouldRefuseToAmendAMarketOrderOrToChangeNothing() {
            final OrderAccount market = new OrderAccount("o-1", USER, SYMBOL, true, true, 0, 10, 0, 10, 0, 0, 0, 0,
                    DEFAULT_MAKER, DEFAULT_TAKER, 1_000_000, 0, 0, OrderStatus.OPEN);
            assertRefusedUnchanged(market, null, 5L, Refusal.INVALID_ORDER);
            assertRefusedUnchanged(restingBuy(100_000, 10, 0, OrderStatus.OPEN), null, null, Refusal.INVALID_ORDER);
        }

        @Test
        void shouldRefuseANonPositivePrice() {
            assertRefusedUnchanged(restingBuy(100_000, 10, 0, OrderStatus.OPEN), 0L, null, Refusal.INVALID_PRICE);
            assertRefusedUnchanged(restingBuy(100_000, 10, 0, OrderStatus.OPEN), -1L, 20L, Refusal.INVALID_PRICE);
        }

        @Test
        void shouldRefuseAQuantityNotAboveWhatAlreadyFilled() {
            final OrderAccount partlyFilled = restingBuy(100_000, 10, 4, OrderStatus.OPEN);
            assertRefusedUnchanged(partlyFilled, null, 4L, Refusal.QUANTITY_OUT_OF_RANGE);
            assertRefusedUnchanged(partlyFilled, null, 0L, Refusal.QUANTITY_OUT_OF_RANGE);
            balances.deposit(USER, 10_000_000);
            assertThat(admission.amend(partlyFilled, null, 5L).admitted()).isTrue();
        }

        @Test
        void shouldRefuseAnAmendBeyondALong() {
            balances.deposit(USER, 10_000_000);
            assertRefusedUnchanged(restingBuy(100_000, 10, 0, OrderStatus.OPEN), Long.MAX_VALUE / 2, null,
                    Refusal.QUANTITY_OUT_OF_RANGE);
        }

        @Test
        void shouldHoldTheExtraCashANewPriceNeedsAndMarkTheTermsPending() {
            balances.deposit(USER, 1_000_000);
            final OrderAccount resting = restingBuy(100_000, 10, 0, OrderStatus.OPEN);

            final Decision decision = admission.amend(resting, 110_000L, null);

            assertThat(decision.admitted()).isTrue();
            assertThat(decision.order().pendingPricePaise()).isEqualTo(110_000);
            assertThat(decision.order().pendingQuantityShares()).isEqualTo(10);
            assertThat(decision.order().reservedPaise()).isEqualTo(Fees.cashToReserve(110_000, 10, DEFAULT_TAKER));
            assertThat(balances.cash(USER).reserved()).isEqualTo(Fees.cashToReserve(110_000, 10, DEFAULT_TAKER)
                    - resting.reservedPaise());
        }

        @Test
        void shouldRefuseANewPriceTheCashDoesNotCover() {
            balances.deposit(USER, 99_999);
            assertRefusedUnchanged(restingBuy(100_000, 10, 0, OrderStatus.OPEN), 110_000L, null, Refusal.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldRefuseALargerSellTheSharesDoNotCover() {
            balances.give(USER, SYMBOL, 2);
            final OrderAccount sell = new OrderAccount("o-1", USER, SYMBOL, false, false, 100_000, 10, 0, 10, 0, 0, 0, 10,
                    DEFAULT_MAKER, DEFAULT_TAKER, 0, 0, 0, OrderStatus.OPEN);
            assertRefusedUnchanged(sell, null, 13L, Refusal.INSUFFICIENT_SHARES);
            assertThat(admission.amend(sell, null, 12L).order().reservedShares()).isEqualTo(12);
        }

        @Test
        void shouldNeedNothingMoreToLowerThePrice() {
            final OrderAccount resting = restingBuy(100_000, 10, 0, OrderStatus.OPEN);
            final Decision decision = admission.amend(resting, 90_000L, null);
            assertThat(decision.admitted()).isTrue();
            assertThat(decision.order().reservedPaise()).isEqualTo(resting.reservedPaise());
            assertThat(balances.postings).isEmpty();
        }
    }

    /** Whatever is drawn, a refusal moves no money and an admission holds exactly what the order needs. */
    @Test
    void shouldReserveExactlyWhatAnAdmittedOrderNeedsAndNothingForARefusal() {
        final Seeded.Gen<Case> cases = random -> new Case(
                new OrderRequest("o-1", USER, SYMBOL, random.nextBoolean(), random.nextInt(4) == 0,
                        random.nextInt(10) == 0 ? null : Seeded.longs(-10, 1_000_000).next(random),
                        Seeded.longs(-2, 2_000).next(random), random.nextInt(10) == 0),
                random.nextInt(8) == 0 ? Standing.of(random.nextBoolean(), random.nextBoolean()) : APPROVED,
                Seeded.longs(0, 500_000_000).next(random), Seeded.longs(0, 3_000).next(random),
                random.nextBoolean() ? OptionalLong.empty() : OptionalLong.of(Seeded.longs(1, 1_000_000).next(random)));
        Seeded.check(2_000, cases, c -> {
            final InMemoryBalances book = new InMemoryBalances();
            book.deposit(USER, c.cashPaise());
            book.give(USER, SYMBOL, c.shares());
            final Position cashBefore = book.cash(USER);
            final Position sharesBefore = book.position(USER, SYMBOL);
            final OrderAdmission fresh = new OrderAdmission(new OrderAccounting(book.balances(), "exchange-fees-0"),
                    DEFAULT_MAKER, DEFAULT_TAKER);
            final int postingsBefore = book.postings.size();

            final Decision decision = fresh.place(c.request(), c.standing(), TCS, symbol -> c.lastPrice());

            assertThat(book.cash(USER).total()).isEqualTo(cashBefore.total());
            assertThat(book.position(USER, SYMBOL).total()).isEqualTo(sharesBefore.total());
            if (!decision.admitted()) {
                assertThat(book.cash(USER)).isEqualTo(cashBefore);
                assertThat(book.position(USER, SYMBOL)).isEqualTo(sharesBefore);
                assertThat(book.postings).hasSize(postingsBefore);
                assertThat(decision.order().status()).isEqualTo(OrderStatus.REJECTED);
                return;
            }
            final OrderAccount order = decision.order();
            assertThat(book.cash(USER).reserved()).isEqualTo(order.reservedPaise());
            assertThat(book.position(USER, SYMBOL).reserved()).isEqualTo(order.reservedShares());
            if (order.buy() && order.market()) {
                assertThat(order.notionalCapPaise()).isEqualTo(c.request().quantityShares()
                        * OrderAdmission.protectionPricePaise(TCS, c.lastPrice()));
                assertThat(order.reservedPaise()).isEqualTo(order.notionalCapPaise()
                        + Fees.reserved(order.notionalCapPaise(), DEFAULT_TAKER));
            } else {
                assertThat(order.reservedPaise()).isEqualTo(OrderAccounting.requiredCash(order));
                assertThat(order.reservedShares()).isEqualTo(OrderAccounting.requiredShares(order));
            }
            assertThat(order.quantityShares()).isPositive();
        });
    }

    private record Case(OrderRequest request, Standing standing, long cashPaise, long shares, OptionalLong lastPrice) {
    }

    /** An open limit buy of {@code quantity} at {@code price} with {@code filled} done, holding what it needs. */
    private static OrderAccount restingBuy(final long price, final long quantity, final long filled, final OrderStatus status) {
        final OrderAccount unreserved = new OrderAccount("o-1", USER, SYMBOL, true, false, price, quantity, filled,
                quantity - filled, price * filled, 0, 0, 0, DEFAULT_MAKER, DEFAULT_TAKER, 0, 0, 0, status);
        return unreserved.withReserved(OrderAccounting.requiredCash(unreserved), 0);
    }

    private void assertRefusedWithoutReserving(final Decision decision, final Refusal refusal) {
        assertThat(decision.admitted()).isFalse();
        assertThat(decision.refusal()).isEqualTo(refusal);
        assertThat(decision.order().reservedPaise()).isZero();
        assertThat(decision.order().reservedShares()).isZero();
        assertThat(balances.cash(USER).reserved()).isZero();
        assertThat(balances.position(USER, SYMBOL).reserved()).isZero();
        assertThat(balances.postings).isEmpty();
    }

    private void assertRefusedUnchanged(final OrderAccount order, final Long price, final Long quantity, final Refusal refusal) {
        final Map<String, Position> before = new HashMap<>(balances.positions);
        final Decision decision = admission.amend(order, price, quantity);
        assertThat(decision.refusal()).isEqualTo(refusal);
        assertThat(decision.order()).isEqualTo(order);
        assertThat(balances.positions).isEqualTo(before);
    }

    /** Positions in a map and postings in a list: the real {@link Balances} over plain collections. */
    private static final class InMemoryBalances implements Balances.Store, Balances.Postings {
        private final Map<String, Position> positions = new HashMap<>();
        private final List<String> postings = new ArrayList<>();

        Balances balances() {
            return new Balances(this, this);
        }

        void deposit(final String userId, final long paise) {
            put(userId, get(userId, Position.CASH).credit(paise, 0));
        }

        void give(final String userId, final String symbol, final long shares) {
            put(userId, get(userId, symbol).credit(shares, 0));
        }

        Position cash(final String userId) {
            return get(userId, Position.CASH);
        }

        Position position(final String userId, final String asset) {
            return get(userId, asset);
        }

        @Override
        public Position get(final String userId, final String asset) {
            return positions.getOrDefault(userId + "/" + asset, Position.empty(asset));
        }

        @Override
        public void put(final String userId, final Position position) {
            positions.put(userId + "/" + position.asset(), position);
        }

        @Override
        public void post(final String userId, final Position before, final Position after, final LedgerReason reason,
                final Balances.Reference reference) {
            postings.add(userId + " " + after.asset() + " " + reason);
        }
    }
}
