package io.bourse.matching.topology;

import io.bourse.avro.common.InstrumentStatus;
import io.bourse.avro.common.Liquidity;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.matching.MatchNewOrderCommand;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.matching.RestingOrderSnapshot;
import io.bourse.avro.matching.Trade;
import io.bourse.matching.core.BookOrder;
import io.bourse.matching.core.InstrumentSpec;
import io.bourse.matching.core.NewOrder;
import io.bourse.matching.core.OrderType;
import io.bourse.matching.core.Reason;
import io.bourse.matching.core.SelfTradePrevention;
import io.bourse.matching.core.Side;
import io.bourse.matching.core.TimeInForce;
import io.bourse.matching.core.TradingStatus;
import java.time.Instant;

/** Converts between the matching core's types and the Avro event model. Enums map by name. */
final class AvroMapping {

    private AvroMapping() {
    }

    /** The order; a MARKET buy is capped at the cash the portfolio reserved for it ({@code reservedPaise}). */
    static NewOrder newOrder(final MatchNewOrderCommand command) {
        final Side side = Side.valueOf(command.getSide().name());
        final OrderType type = OrderType.valueOf(command.getOrderType().name());
        final long cap = type == OrderType.MARKET && side == Side.BUY && command.getReservedPaise() > 0
                ? command.getReservedPaise() : NewOrder.NO_LIMIT;
        return new NewOrder(command.getOrderId(), command.getUserId(), side, type,
                TimeInForce.valueOf(command.getTimeInForce().name()),
                command.getLimitPricePaise() == null ? NewOrder.NO_PRICE : command.getLimitPricePaise(),
                command.getQuantityShares(), command.getPostOnly(),
                SelfTradePrevention.valueOf(command.getSelfTradePrevention().name()), cap);
    }

    static InstrumentSpec spec(final Instrument instrument) {
        return new InstrumentSpec(instrument.getSymbol(), instrument.getTickSizePaise(), instrument.getLotSizeShares(),
                instrument.getMinQuantityShares(), instrument.getMaxQuantityShares(), instrument.getBasePricePaise(),
                instrument.getPriceBandBasisPoints());
    }

    static TradingStatus status(final InstrumentStatus status) {
        return TradingStatus.valueOf(status.name());
    }

    static InstrumentStatus status(final TradingStatus status) {
        return InstrumentStatus.valueOf(status.name());
    }

    static ReasonCode reason(final Reason reason) {
        return reason == null ? null : ReasonCode.valueOf(reason.name());
    }

    static Reason reason(final ReasonCode code) {
        return Reason.valueOf(code.name());
    }

    /** A result describing {@code order} as it is now. */
    static MatchingResult.Builder result(final MatchingResultType type, final BookOrder order, final String symbol,
            final Instant timestamp) {
        return MatchingResult.newBuilder()
                .setType(type)
                .setSymbol(symbol)
                .setOrderId(order.orderId())
                .setUserId(order.userId())
                .setSide(io.bourse.avro.common.Side.valueOf(order.side().name()))
                .setOrderType(io.bourse.avro.common.OrderType.valueOf(order.type().name()))
                .setTimeInForce(io.bourse.avro.common.TimeInForce.valueOf(order.timeInForce().name()))
                .setLimitPricePaise(order.pricePaise() == NewOrder.NO_PRICE ? null : order.pricePaise())
                .setQuantityShares(order.quantityShares())
                .setFilledQuantityShares(order.filledQuantityShares())
                .setRemainingQuantityShares(order.remainingQuantityShares())
                .setTradeId(null)
                .setFillPricePaise(null)
                .setFillQuantityShares(null)
                .setLiquidity(null)
                .setReasonCode(null)
                .setTimestampMs(timestamp);
    }

    /** A rejected new order: nothing filled, nothing open. */
    static MatchingResult.Builder rejected(final NewOrder order, final String symbol, final Reason reason,
            final Instant timestamp) {
        return MatchingResult.newBuilder()
                .setType(MatchingResultType.REJECTED)
                .setSymbol(symbol)
                .setOrderId(order.orderId())
                .setUserId(order.userId())
                .setSide(io.bourse.avro.common.Side.valueOf(order.side().name()))
                .setOrderType(io.bourse.avro.common.OrderType.valueOf(order.type().name()))
                .setTimeInForce(io.bourse.avro.common.TimeInForce.valueOf(order.timeInForce().name()))
                .setLimitPricePaise(order.limitPricePaise() == NewOrder.NO_PRICE ? null : order.limitPricePaise())
                .setQuantityShares(order.quantityShares())
                .setFilledQuantityShares(0)
                .setRemainingQuantityShares(0)
                .setTradeId(null)
                .setFillPricePaise(null)
                .setFillQuantityShares(null)
                .setLiquidity(null)
                .setReasonCode(reason(reason))
                .setTimestampMs(timestamp);
    }

    /**
     * A refused cancel or amend. When the requester owns the order the result describes it; otherwise
     * (unknown order, someone else's order) it carries only the ids and the reason, with zero
     * quantities, so nothing about another user's order leaks.
     */
    static MatchingResult.Builder refused(final MatchingResultType type, final String orderId, final String userId,
            final BookOrder ownOrder, final String symbol, final Reason reason, final Instant timestamp) {
        if (ownOrder != null && ownOrder.userId().equals(userId)) {
            return result(type, ownOrder, symbol, timestamp).setReasonCode(reason(reason));
        }
        return MatchingResult.newBuilder()
                .setType(type)
                .setSymbol(symbol)
                .setOrderId(orderId)
                .setUserId(userId)
                .setSide(io.bourse.avro.common.Side.BUY)
                .setOrderType(io.bourse.avro.common.OrderType.LIMIT)
                .setTimeInForce(io.bourse.avro.common.TimeInForce.GTC)
                .setLimitPricePaise(null)
                .setQuantityShares(0)
                .setFilledQuantityShares(0)
                .setRemainingQuantityShares(0)
                .setTradeId(null)
                .setFillPricePaise(null)
                .setFillQuantityShares(null)
                .setLiquidity(null)
                .setReasonCode(reason(reason))
                .setTimestampMs(timestamp);
    }

    static MatchingResult.Builder fill(final BookOrder order, final String symbol, final String tradeId,
            final long pricePaise, final long quantityShares, final boolean maker, final Instant timestamp) {
        return result(MatchingResultType.FILL, order, symbol, timestamp)
                .setTradeId(tradeId)
                .setFillPricePaise(pricePaise)
                .setFillQuantityShares(quantityShares)
                .setLiquidity(maker ? Liquidity.MAKER : Liquidity.TAKER);
    }

    static Trade trade(final String symbol, final long sequence, final String tradeId, final BookOrder maker,
            final BookOrder taker, final long pricePaise, final long quantityShares, final Instant timestamp) {
        final BookOrder buy = taker.side() == Side.BUY ? taker : maker;
        final BookOrder sell = taker.side() == Side.BUY ? maker : taker;
        return Trade.newBuilder()
                .setTradeId(tradeId)
                .setSequence(sequence)
                .setSymbol(symbol)
                .setPricePaise(pricePaise)
                .setQuantityShares(quantityShares)
                .setAggressorSide(io.bourse.avro.common.Side.valueOf(taker.side().name()))
                .setBuyOrderId(buy.orderId())
                .setBuyUserId(buy.userId())
                .setSellOrderId(sell.orderId())
                .setSellUserId(sell.userId())
                .setTimestampMs(timestamp)
                .build();
    }

    static RestingOrderSnapshot snapshot(final String symbol, final BookOrder order) {
        return RestingOrderSnapshot.newBuilder()
                .setOrderId(order.orderId())
                .setUserId(order.userId())
                .setSymbol(symbol)
                .setSide(io.bourse.avro.common.Side.valueOf(order.side().name()))
                .setOrderType(io.bourse.avro.common.OrderType.valueOf(order.type().name()))
                .setTimeInForce(io.bourse.avro.common.TimeInForce.valueOf(order.timeInForce().name()))
                .setPricePaise(order.pricePaise())
                .setQuantityShares(order.quantityShares())
                .setFilledQuantityShares(order.filledQuantityShares())
                .setCancelledQuantityShares(order.cancelledQuantityShares())
                .setArrivalSequence(order.arrivalSequence())
                .setPostOnly(order.postOnly())
                .setSelfTradePrevention(io.bourse.avro.common.SelfTradePrevention.valueOf(order.selfTradePrevention().name()))
                .build();
    }

    /** A stored order as the core sees it, for rebuilding a book. */
    static BookOrder bookOrder(final RestingOrderSnapshot s) {
        return new StoredOrder(s.getOrderId(), s.getUserId(), Side.valueOf(s.getSide().name()),
                OrderType.valueOf(s.getOrderType().name()), TimeInForce.valueOf(s.getTimeInForce().name()),
                s.getPricePaise(), s.getQuantityShares(), s.getFilledQuantityShares(), s.getCancelledQuantityShares(),
                s.getArrivalSequence(), s.getPostOnly(), SelfTradePrevention.valueOf(s.getSelfTradePrevention().name()));
    }

    private record StoredOrder(String orderId, String userId, Side side, OrderType type, TimeInForce timeInForce,
            long pricePaise, long quantityShares, long filledQuantityShares, long cancelledQuantityShares,
            long arrivalSequence, boolean postOnly, SelfTradePrevention selfTradePrevention) implements BookOrder {
    }
}
