package io.bourse.portfolio.topology;

import static io.bourse.portfolio.topology.WiredExchange.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.ApproveKycCommand;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.avro.accounts.SubmitKycCommand;
import io.bourse.avro.accounts.SuspendAccountCommand;
import io.bourse.avro.common.Liquidity;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.matching.MatchNewOrderCommand;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.UserCounters;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.UserIds;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortfolioTopologyTest {

    private static final String RELIANCE = "RELIANCE";

    @TempDir
    Path stateDir;
    private WiredExchange x;

    @BeforeEach
    void start() {
        x = new WiredExchange(stateDir, PortfolioConfig.DEFAULTS);
        x.addInstrument(RELIANCE, 245_000, null, null);
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private List<String> types(final String orderId) {
        return x.eventsOf(orderId).stream()
                .map(e -> e.getType() + (e.getReasonCode() == null ? "" : " " + e.getReasonCode())).toList();
    }

    @Test
    void shouldRegisterOnceAndTakeAnAccountThroughKyc() {
        final String user = UserIds.forEmail("Asha@Example.com");
        x.account(user, RegisterAccountCommand.newBuilder().setEmail(" Asha@Example.com ").setPasswordHash("{bcrypt}h")
                .setDisplayName("Asha").setRole(AccountRole.TRADER).build());
        x.account(user, RegisterAccountCommand.newBuilder().setEmail("asha@example.com").setPasswordHash("{bcrypt}other")
                .setDisplayName("Imposter").setRole(AccountRole.ADMIN).build());
        x.account("u-made-up", RegisterAccountCommand.newBuilder().setEmail("someone@example.com").setPasswordHash("{bcrypt}h")
                .setDisplayName("X").setRole(AccountRole.TRADER).build());
        x.account(user, SubmitKycCommand.newBuilder().setLegalName("Asha Rao").setDateOfBirth(LocalDate.of(1991, 5, 1))
                .setPan("abcde1234f").setAddress("Pune").build());
        x.account(user, SubmitKycCommand.newBuilder().setLegalName("Asha Rao").setDateOfBirth(LocalDate.of(2015, 5, 1))
                .setPan("ABCDE1234F").setAddress("Pune").build());
        x.account(user, SubmitKycCommand.newBuilder().setLegalName("Asha Rao").setDateOfBirth(LocalDate.of(1991, 5, 1))
                .setPan("ABCDE1234F").setAddress("Pune").build());
        x.account(user, ApproveKycCommand.newBuilder().setAdminUserId(WiredExchange.ADMIN).build());
        x.account(user, SuspendAccountCommand.newBuilder().setAdminUserId(WiredExchange.ADMIN).setReason("fraud check").build());

        assertThat(x.accountEvents).extracting(e -> e.getType() + " " + e.getReasonCode()).containsExactly(
                "REGISTERED null", "REGISTRATION_REJECTED EMAIL_ALREADY_REGISTERED", "REGISTRATION_REJECTED INVALID_ORDER",
                "COMMAND_REJECTED INVALID_KYC_DETAILS", "COMMAND_REJECTED INVALID_KYC_DETAILS", "KYC_SUBMITTED null",
                "KYC_APPROVED null", "SUSPENDED ACCOUNT_SUSPENDED");
        final AccountEvent submitted = x.accountEvents.get(5);
        assertThat(submitted.getPanMasked()).isEqualTo("XXXXX1234F");
        assertThat(submitted.getEmail()).isEqualTo("asha@example.com");
        assertThat(x.accountEvents).extracting(AccountEvent::getSequence).containsExactly(1L, 2L, 1L, 3L, 4L, 5L, 6L, 7L);

        final KeyValueStore<String, AccountSnapshot> accounts = x.portfolio.getKeyValueStore(PortfolioNames.ACCOUNTS.name());
        final AccountSnapshot stored = PortfolioQueries.accountByEmail(accounts, "ASHA@example.com");
        assertThat(stored.getPasswordHash()).isEqualTo("{bcrypt}h");
        assertThat(stored.getKycStatus()).isEqualTo(KycStatus.APPROVED);
        assertThat(stored.getSuspended()).isTrue();
        assertThat(stored.getRole()).isEqualTo(AccountRole.TRADER);
    }

    @Test
    void shouldRejectOrdersWithAStableReasonAndReserveNothing() {
        final String stranger = UserIds.forEmail("nobody@example.com");
        x.limit(stranger, "o1", RELIANCE, Side.BUY, 245_000, 1);
        final String pending = UserIds.forEmail("pending@example.com");
        x.account(pending, RegisterAccountCommand.newBuilder().setEmail("pending@example.com").setPasswordHash("{bcrypt}h")
                .setDisplayName("P").setRole(AccountRole.TRADER).build());
        x.limit(pending, "o2", RELIANCE, Side.BUY, 245_000, 1);
        final String bob = x.trader("bob@example.com");
        x.limit(bob, "o3", "NOPE", Side.BUY, 245_000, 1);
        x.limit(bob, "o4", RELIANCE, Side.BUY, 245_000, 1);
        x.limit(bob, "o5", RELIANCE, Side.SELL, 245_000, 1);
        x.order(bob, place("o6", RELIANCE, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 245_000L, 0, null));
        x.order(bob, place("o7", RELIANCE, Side.BUY, OrderType.MARKET, TimeInForce.IOC, 245_000L, 1, null));
        x.order(bob, place("o8", RELIANCE, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, Long.MAX_VALUE / 2, 1_000_000, null));

        assertThat(x.orderEvents).extracting(e -> e.getOrderId() + " " + e.getType() + " " + e.getReasonCode()).containsExactly(
                "o1 REJECTED ACCOUNT_UNKNOWN", "o2 REJECTED KYC_NOT_APPROVED", "o3 REJECTED UNKNOWN_SYMBOL",
                "o4 REJECTED INSUFFICIENT_FUNDS", "o5 REJECTED INSUFFICIENT_SHARES", "o6 REJECTED QUANTITY_OUT_OF_RANGE",
                "o7 REJECTED INVALID_ORDER", "o8 REJECTED QUANTITY_OUT_OF_RANGE");
        assertThat(x.ledger).isEmpty();
        assertThat(x.sentToMatching).extracting(c -> c.getPayload().getClass().getSimpleName()).containsOnly("AddInstrumentCommand");
    }

    @Test
    void shouldSettleATradeBetweenTwoUsersToTheExactPaise() {
        final String alice = x.trader("alice@example.com");
        final String bob = x.trader("bob@example.com");
        x.transferIn(alice, RELIANCE, 10);
        x.deposit(bob, 3_000_000);

        x.limit(alice, "sell-1", RELIANCE, Side.SELL, 245_000, 10);
        x.limit(bob, "buy-1", RELIANCE, Side.BUY, 245_500, 10);

        // Bob (taker, 3 bp) reserved 10 x 2455.00 + ⌈736.5⌉ = 2,455,737; paid 2,450,000 + ⌊735⌋.
        assertThat(x.cash(bob)).isEqualTo(3_000_000 - 2_450_000 - 735);
        assertThat(x.reservedCash(bob)).isZero();
        assertThat(x.position(bob, RELIANCE).getAvailable()).isEqualTo(10);
        assertThat(x.position(bob, RELIANCE).getCostBasisPaise()).isEqualTo(2_450_735);
        // Alice (maker, 1 bp) receives 2,450,000 - 245.
        assertThat(x.cash(alice)).isEqualTo(2_449_755);
        assertThat(x.position(alice, RELIANCE).getAvailable()).isZero();
        assertThat(x.position(alice, RELIANCE).getReserved()).isZero();
        assertThat(x.position(alice, RELIANCE).getRealizedPnlPaise()).isEqualTo(2_449_755);
        final long fees = x.allPositions().stream().filter(p -> p.getUserId().startsWith("exchange-fees-"))
                .mapToLong(p -> p.getAvailable() + p.getReserved()).sum();
        assertThat(fees).isEqualTo(980);
        assertThat(x.cash(bob) + x.cash(alice) + fees).isEqualTo(3_000_000);

        assertThat(types("buy-1")).containsExactly("FILL", "FILLED");
        assertThat(types("sell-1")).containsExactly("RESTING", "FILL", "FILLED");
        final OrderEvent bobFill = x.eventsOf("buy-1").get(0);
        assertThat(bobFill.getFeePaise()).isEqualTo(735);
        assertThat(bobFill.getLiquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(bobFill.getFillPricePaise()).isEqualTo(245_000);
        assertThat(bobFill.getTradeId()).isEqualTo("RELIANCE-1");
        assertThat(x.eventsOf("sell-1").get(1).getFeePaise()).isEqualTo(245);

        final List<String> bobLedger = x.ledger.stream().filter(e -> e.getUserId().equals(bob))
                .map(e -> e.getReason() + " " + e.getAsset() + " " + e.getAvailableDelta() + "/" + e.getReservedDelta()).toList();
        assertThat(bobLedger).containsExactly("DEPOSIT INR 3000000/0", "ORDER_RESERVE INR -2455737/2455737",
                "TRADE_SETTLEMENT INR 0/-2450000", "TRADE_FEE INR 0/-735", "TRADE_SETTLEMENT RELIANCE 10/0",
                "ORDER_RELEASE INR 5002/-5002");
        assertThat(x.ledger).extracting(LedgerEntry::getEntryId).doesNotHaveDuplicates();
    }

    @Test
    void shouldTimeASettlementAtTheEnginesTimeThoughResultsRankAnHourEarly() {
        final String alice = x.trader("alice@example.com");
        final String bob = x.trader("bob@example.com");
        x.transferIn(alice, RELIANCE, 10);
        x.deposit(bob, 3_000_000);
        x.limit(alice, "sell-1", RELIANCE, Side.SELL, 245_000, 10);
        x.limit(bob, "buy-1", RELIANCE, Side.BUY, 245_500, 10);

        // Every posting, the fill's settlement among them, is timed at its input's own time, in the record
        // and in its entries: the rank the results' source gives them (an hour early) orders, never times.
        assertThat(x.ledger).extracting(LedgerEntry::getReason).contains(LedgerReason.TRADE_SETTLEMENT);
        for (int i = 0; i < x.postings.size(); i++) {
            final long recordTime = x.postingTimestamps.get(i);
            assertThat(recordTime).isGreaterThanOrEqualTo(WiredExchange.START.toEpochMilli());
            assertThat(x.postings.get(i).getEntries()).extracting(e -> e.getTimestampMs().toEpochMilli())
                    .containsOnly(recordTime);
        }
        assertThat(x.eventsOf("buy-1")).extracting(OrderEvent::getTimestampMs).allMatch(t -> !t.isBefore(WiredExchange.START));
    }

    @Test
    void shouldWriteOnePostingPerAccountAndCommandWithConsecutiveEntries() {
        final String alice = x.trader("alice@example.com");
        final String bob = x.trader("bob@example.com");
        x.transferIn(alice, RELIANCE, 10);
        x.deposit(bob, 3_000_000);
        x.limit(alice, "sell-1", RELIANCE, Side.SELL, 245_000, 10);
        final int before = x.postings.size();

        x.limit(bob, "buy-1", RELIANCE, Side.BUY, 245_500, 10);

        final List<LedgerPosting> bobs = x.postings.subList(before, x.postings.size()).stream()
                .filter(p -> p.getUserId().equals(bob)).toList();
        assertThat(bobs).as("one posting for the reserve, one for the fill").hasSize(2);
        assertThat(bobs.get(1).getEntries()).extracting(e -> e.getReason() + " " + e.getAsset()).containsExactly(
                "TRADE_SETTLEMENT INR", "TRADE_FEE INR", "TRADE_SETTLEMENT RELIANCE", "ORDER_RELEASE INR");
        for (final LedgerPosting posting : x.postings) {
            assertThat(posting.getEntries()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getUserId()).isEqualTo(posting.getUserId()));
            final long first = posting.getEntries().get(0).getSequence();
            assertThat(posting.getEntries()).extracting(LedgerEntry::getSequence)
                    .containsExactlyElementsOf(LongStream.range(first, first + posting.getEntries().size()).boxed().toList());
        }
    }

    @Test
    void shouldCarryATransfersCostBasisIntoAverageCostAndRealizedProfit() {
        final String alice = x.trader("alice@example.com");
        final String bob = x.trader("bob@example.com");
        x.order(alice, io.bourse.avro.orders.TransferInSharesCommand.newBuilder().setSymbol(RELIANCE).setQuantityShares(10)
                .setReference("demat-cost").setCostBasisPaise(2_300_000L).build());
        assertThat(x.position(alice, RELIANCE).getCostBasisPaise()).isEqualTo(2_300_000);
        x.deposit(bob, 3_000_000);
        x.limit(alice, "s", RELIANCE, Side.SELL, 245_000, 4);
        x.limit(bob, "b", RELIANCE, Side.BUY, 245_000, 4);
        // 4 of 10 shares sold: 920,000 of the cost leaves; proceeds 980,000 - 98 maker fee.
        assertThat(x.position(alice, RELIANCE).getCostBasisPaise()).isEqualTo(1_380_000);
        assertThat(x.position(alice, RELIANCE).getRealizedPnlPaise()).isEqualTo(980_000 - 98 - 920_000);
    }

    @Test
    void shouldReleaseExactlyWhatIsLeftWhenAnOrderIsCancelled() {
        final String alice = x.trader("alice@example.com");
        final String bob = x.trader("bob@example.com");
        x.transferIn(alice, RELIANCE, 4);
        x.deposit(bob, 5_000_000);
        x.limit(alice, "s", RELIANCE, Side.SELL, 245_000, 4);
        x.limit(bob, "b", RELIANCE, Side.BUY, 245_000, 10);
        x.cancel(bob, "b");
        x.cancel(bob, "b");
        x.cancel(bob, "nope");

        assertThat(types("b")).containsExactly("FILL", "RESTING", "CANCELLED USER_CANCELLED",
                "CANCEL_REJECTED ORDER_NOT_OPEN");
        assertThat(types("nope")).containsExactly("CANCEL_REJECTED UNKNOWN_ORDER");
        assertThat(x.reservedCash(bob)).isZero();
        assertThat(x.cash(bob)).isEqualTo(5_000_000 - 980_000 - 294);
        assertThat(x.position(bob, RELIANCE).getAvailable()).isEqualTo(4);
    }

    @Test
    void shouldAnswerNotOpenWhenTheOrderFilledWhileItsCancelWasOnTheWay() {
        final String alice = x.trader("alice@example.com");
        final String bob = x.trader("bob@example.com");
        x.transferIn(alice, RELIANCE, 1);
        x.deposit(bob, 1_000_000);
        x.limit(alice, "s", RELIANCE, Side.SELL, 245_000, 1);
        // Bob's buy and Alice's cancel both pass the portfolio while the sell still rests; matching
        // fills the sell first and then no longer knows it.
        x.holdMatchingCommands = true;
        x.limit(bob, "b", RELIANCE, Side.BUY, 245_000, 1);
        x.cancel(alice, "s");
        x.holdMatchingCommands = false;
        x.pump();

        assertThat(types("s")).containsExactly("RESTING", "FILL", "FILLED", "CANCEL_REJECTED ORDER_NOT_OPEN");
    }

    @Test
    void shouldRefuseASecondAmendWhileTheFirstIsWithTheEngineAndSayWhy() {
        final String bob = x.trader("bob@example.com");
        x.deposit(bob, 1_000_000);
        x.limit(bob, "b", RELIANCE, Side.BUY, 240_000, 2);
        x.holdMatchingCommands = true;
        x.amend(bob, "b", 240_100L, null);
        x.amend(bob, "b", 240_200L, null);
        x.holdMatchingCommands = false;
        x.pump();

        assertThat(types("b")).containsExactly("RESTING", "AMEND_REJECTED AMEND_PENDING", "AMENDED", "RESTING");
    }

    @Test
    void shouldNameTheCommandOnTheEventsThePortfolioDecidesAloneOnly() {
        final String bob = x.trader("bob@example.com");
        x.deposit(bob, 1_000_000);
        x.limit(bob, "b", RELIANCE, Side.BUY, 240_000, 2);
        x.cancel(bob, "nope");
        x.limit(bob, "big", RELIANCE, Side.BUY, 240_000, 100);

        assertThat(x.orderEvents).extracting(e -> e.getOrderId() + " " + e.getType() + " " + (e.getCommandId() != null))
                .containsExactly("b RESTING false", "nope CANCEL_REJECTED true", "big REJECTED true");
    }

    @Test
    void shouldReserveTheDifferenceBeforeAnAmendThatRaisesTheNotional() {
        final String bob = x.trader("bob@example.com");
        x.deposit(bob, 1_000_000);
        x.limit(bob, "b", RELIANCE, Side.BUY, 240_000, 2);
        final long heldForTwo = 480_000 + 144;
        assertThat(x.reservedCash(bob)).isEqualTo(heldForTwo);

        x.amend(bob, "b", null, 5L);
        assertThat(types("b")).endsWith("AMEND_REJECTED INSUFFICIENT_FUNDS");
        assertThat(x.reservedCash(bob)).isEqualTo(heldForTwo);

        x.amend(bob, "b", 241_000L, 4L);
        assertThat(types("b")).endsWith("AMENDED", "RESTING");
        assertThat(x.reservedCash(bob)).isEqualTo(964_000 + 290);
        x.amend(bob, "b", null, 1L);
        assertThat(x.reservedCash(bob)).isEqualTo(241_000 + 73);
        assertThat(x.cash(bob) + x.reservedCash(bob)).isEqualTo(1_000_000);
    }

    @Test
    void shouldPlaceNothingAndEmitNothingForARepeatedOrder() {
        final String bob = x.trader("bob@example.com");
        x.deposit(bob, 1_000_000);
        // The edge gives a retry the same order id (derived from the client order id or idempotency key).
        x.order(bob, place("b1", RELIANCE, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 240_000L, 2, "my-1"));
        x.order(bob, place("b1", RELIANCE, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 240_000L, 2, "my-1"));
        x.order(bob, place("b1", RELIANCE, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 240_000L, 2, "my-1"));
        x.order(bob, place("b3", RELIANCE, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 240_000L, 100, "my-2"));
        x.order(bob, place("b3", RELIANCE, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 240_000L, 100, "my-2"));

        assertThat(x.orderEvents).extracting(e -> e.getOrderId() + " " + e.getType() + " " + e.getReasonCode())
                .containsExactly("b1 RESTING null", "b3 REJECTED INSUFFICIENT_FUNDS");
        assertThat(x.sentToMatching.stream().filter(c -> c.getPayload() instanceof MatchNewOrderCommand)).hasSize(1);
        assertThat(x.reservedCash(bob)).isEqualTo(480_000 + 144);
    }

    @Test
    void shouldCreditEachDepositOnceAndPayOutOrReleaseWithdrawals() {
        final String bob = x.trader("bob@example.com");
        x.intent(bob, "dep-1", "order_A", 100_000);
        x.captured("pay_A", "order_A", 100_000);
        x.captured("pay_A", "order_A", 100_000);
        x.payment(bob, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w1", 30_000);
        assertThat(x.cash(bob)).isEqualTo(70_000);
        assertThat(x.reservedCash(bob)).isEqualTo(30_000);
        x.payment(bob, PaymentCommandType.PAYOUT_SUCCEEDED, "pout_1", "w1", 30_000);
        x.payment(bob, PaymentCommandType.PAYOUT_SUCCEEDED, "pout_1", "w1", 30_000);
        x.payment(bob, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w2", 50_000);
        x.payment(bob, PaymentCommandType.PAYOUT_FAILED, "pout_2", "w2", 50_000);
        x.payment(bob, PaymentCommandType.REQUEST_WITHDRAWAL, null, "w3", 70_001);

        assertThat(x.cash(bob)).isEqualTo(70_000);
        assertThat(x.reservedCash(bob)).isZero();
        assertThat(x.ledger).extracting(e -> e.getReason() + " " + e.getAvailableDelta() + "/" + e.getReservedDelta())
                .containsExactly("DEPOSIT 100000/0", "WITHDRAWAL_RESERVE -30000/30000", "WITHDRAWAL_PAYOUT 0/-30000",
                        "WITHDRAWAL_RESERVE -50000/50000", "WITHDRAWAL_RELEASE 50000/-50000");
        assertThat(x.accountEvents).last().extracting(e -> e.getType() + " " + e.getReasonCode())
                .isEqualTo("COMMAND_REJECTED INSUFFICIENT_FUNDS");
    }

    @Test
    void shouldCapAMarketBuyAtItsReservationAndReleaseTheRest() {
        final String alice = x.trader("alice@example.com");
        final String bob = x.trader("bob@example.com");
        x.transferIn(alice, RELIANCE, 100);
        x.deposit(bob, 10_000_000);
        x.limit(alice, "s1", RELIANCE, Side.SELL, 250_000, 3);
        x.order(bob, place("m1", RELIANCE, Side.BUY, OrderType.MARKET, TimeInForce.IOC, null, 5, null));

        // Protection 294,000 (base 245,000 + 20%): reserves 5 x 294,000 + ⌈441⌉ fee.
        final MatchNewOrderCommand sent = (MatchNewOrderCommand) x.sentToMatching.get(x.sentToMatching.size() - 1).getPayload();
        assertThat(sent.getReservedPaise()).isEqualTo(1_470_000);
        assertThat(types("m1")).containsExactly("FILL", "CANCELLED MARKET_REMAINDER_CANCELLED");
        assertThat(x.reservedCash(bob)).isZero();
        assertThat(x.cash(bob)).isEqualTo(10_000_000 - 750_000 - 225);
        assertThat(x.position(bob, RELIANCE).getAvailable()).isEqualTo(3);
    }

    @Test
    void shouldForwardAdminInstrumentCommandsToMatchingByKeyOfSymbol() {
        assertThat(x.sentToMatching).hasSize(1);
        assertThat(x.sentToMatching.get(0).getSymbol()).isEqualTo(RELIANCE);
        final var instruments = x.portfolio.getKeyValueStore(PortfolioNames.INSTRUMENTS_GLOBAL);
        assertThat(instruments.get(RELIANCE)).isNotNull();
    }

    @Test
    void shouldChainEveryAccountsPostingsByTimestampSoTheLedgerCanBeReadBackFromTheTopic() {
        final String bob = x.trader("bob@example.com");
        x.deposit(bob, 100);
        x.deposit(bob, 200);
        assertThat(x.orderEvents.stream().map(OrderEvent::getType)).doesNotContain(OrderEventType.UNSPECIFIED);

        // Each posting names the record timestamp of its account's posting before, the one a look-up by time finds.
        final Map<String, Long> previous = new HashMap<>();
        for (int i = 0; i < x.postings.size(); i++) {
            final LedgerPosting posting = x.postings.get(i);
            final Long expected = previous.put(posting.getUserId(), x.postingTimestamps.get(i));
            assertThat(posting.getPreviousTimestampMs()).as("posting %s of %s", posting.getEntries().get(0).getSequence(),
                    posting.getUserId()).isEqualTo(expected);
        }
        final List<LedgerPosting> bobs = x.postings.stream().filter(p -> p.getUserId().equals(bob)).toList();
        assertThat(bobs).hasSizeGreaterThanOrEqualTo(2);
        final LedgerPosting last = bobs.get(bobs.size() - 1);
        final UserCounters head = x.portfolio.<String, UserCounters>getKeyValueStore(PortfolioNames.COUNTERS.name()).get(bob);
        assertThat(head.getLedgerSequence()).isEqualTo(last.getEntries().get(last.getEntries().size() - 1).getSequence());
        assertThat(head.getLastPostingTimestampMs()).isEqualTo(x.postingTimestamps.get(x.postings.lastIndexOf(last)));
        assertThat(last.getEntries()).extracting(LedgerEntry::getReason).containsExactly(LedgerReason.DEPOSIT);
    }
}
