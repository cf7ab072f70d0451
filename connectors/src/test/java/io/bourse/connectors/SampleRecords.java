package io.bourse.connectors;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.Liquidity;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.ledger.LedgerUnit;
import io.bourse.avro.market.Candle;
import io.bourse.avro.market.CandleInterval;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import java.time.Duration;
import java.time.Instant;

/** Deterministic sink-topic records for tests: the n-th record of each kind, with values derived from n. */
public final class SampleRecords {

    /** Time of record 0; record n is n seconds later. */
    public static final Instant START = Instant.parse("2026-11-24T03:45:00.125Z");

    private SampleRecords() {
    }

    public static Instant at(final long n) {
        return START.plusSeconds(n);
    }

    public static Trade trade(final String symbol, final long sequence) {
        return Trade.newBuilder()
                .setTradeId(symbol + "-" + sequence)
                .setSequence(sequence)
                .setSymbol(symbol)
                .setPricePaise(245_000L + sequence * 5)
                .setQuantityShares(10 + sequence)
                .setAggressorSide(sequence % 2 == 0 ? Side.BUY : Side.SELL)
                .setBuyOrderId("order-b" + sequence)
                .setBuyUserId("user-1")
                .setSellOrderId("order-s" + sequence)
                .setSellUserId("user-2")
                .setTimestampMs(at(sequence))
                .build();
    }

    /** Event {@code sequence} of order {@code orderId}: ACCEPTED, then FILLs, the order's state after each. */
    public static OrderEvent orderEvent(final String userId, final String orderId, final long sequence) {
        final boolean fill = sequence > 0;
        return OrderEvent.newBuilder()
                .setEventId(userId + "-e" + sequence)
                .setSequence(sequence)
                .setType(fill ? OrderEventType.FILL : OrderEventType.ACCEPTED)
                .setOrderId(orderId)
                .setClientOrderId(sequence == 0 ? "client-" + orderId : null)
                .setUserId(userId)
                .setSymbol("TCS")
                .setSide(Side.BUY)
                .setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC)
                .setLimitPricePaise(380_000L)
                .setQuantityShares(1_000L)
                .setFilledQuantityShares(sequence * 10)
                .setRemainingQuantityShares(1_000L - sequence * 10)
                .setFilledNotionalPaise(sequence * 10 * 380_000L)
                .setTradeId(fill ? "TCS-" + sequence : null)
                .setFillPricePaise(fill ? 380_000L : null)
                .setFillQuantityShares(fill ? 10L : null)
                .setLiquidity(fill ? Liquidity.MAKER : null)
                .setFeePaise(fill ? 38L : null)
                .setReasonCode(null)
                .setReasonMessage(null)
                .setTimestampMs(at(sequence))
                .build();
    }

    public static LedgerEntry ledgerEntry(final String userId, final long sequence) {
        return LedgerEntry.newBuilder()
                .setEntryId(userId + "-" + sequence)
                .setSequence(sequence)
                .setUserId(userId)
                .setAsset("INR")
                .setUnit(LedgerUnit.PAISE)
                .setAvailableDelta(-1_000L)
                .setReservedDelta(1_000L)
                .setAvailableAfter(1_000_000L - sequence * 1_000)
                .setReservedAfter(sequence * 1_000)
                .setReason(LedgerReason.ORDER_RESERVE)
                .setOrderId("order-" + sequence)
                .setTradeId(null)
                .setPaymentId(null)
                .setTimestampMs(at(sequence))
                .build();
    }

    /** One posting of {@code userId}: its entries {@code first} to {@code last}, as the portfolio writes them. */
    public static LedgerPosting posting(final String userId, final long first, final long last) {
        return new LedgerPosting(userId, java.util.stream.LongStream.rangeClosed(first, last).mapToObj(s -> ledgerEntry(userId, s)).toList(),
                first == 1 ? null : at(first - 1).toEpochMilli());
    }

    /** The one-minute candle of {@code symbol} starting at minute {@code minute}, after {@code trades} trades. */
    public static Candle candle(final String symbol, final long minute, final long trades) {
        final Instant start = START.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(minute));
        return Candle.newBuilder()
                .setSymbol(symbol)
                .setInterval(CandleInterval.M1)
                .setStartMs(start)
                .setEndMs(start.plus(Duration.ofMinutes(1)))
                .setOpenPricePaise(150_000L)
                .setHighPricePaise(150_000L + trades * 10)
                .setLowPricePaise(149_000L)
                .setClosePricePaise(150_000L + trades * 5)
                .setVolumeShares(trades * 7)
                .setTurnoverPaise(trades * 7 * 150_000L)
                .setTradeCount(trades)
                .setUpdatedAtMs(start.plusSeconds(trades))
                .build();
    }

    public static PaymentEvent deposit(final String userId, final long n) {
        return PaymentEvent.newBuilder()
                .setEventId("pay-" + userId + "-" + n)
                .setType(PaymentEventType.DEPOSIT_CONFIRMED)
                .setUserId(userId)
                .setProvider("sandbox")
                .setProviderPaymentId("pp-" + n)
                .setWithdrawalId(null)
                .setAmountPaise(100_000L * (n + 1))
                .setCurrency("INR")
                .setReason(null)
                .setIntentId("dep-" + userId + "-" + n)
                .setProviderOrderId("order_" + n)
                .setTimestampMs(at(n))
                .build();
    }

    public static AccountEvent accountRegistered(final String userId, final long sequence) {
        return AccountEvent.newBuilder()
                .setEventId(userId + "-a" + sequence)
                .setSequence(sequence)
                .setType(AccountEventType.REGISTERED)
                .setUserId(userId)
                .setEmail(userId + "@example.com")
                .setDisplayName("Trader " + userId)
                .setRole(AccountRole.TRADER)
                .setKycStatus(KycStatus.PENDING)
                .setSuspended(false)
                .setLegalName("Asha Verma")
                .setPanMasked("XXXXX1234X")
                .setReasonCode(null)
                .setReasonMessage(null)
                .setTimestampMs(at(sequence))
                .build();
    }
}
