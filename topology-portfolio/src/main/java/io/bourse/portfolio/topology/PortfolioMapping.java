package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.market.Ticker;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;
import io.bourse.portfolio.core.OrderAccount;
import io.bourse.portfolio.core.OrderAdmission;
import io.bourse.portfolio.core.OrderStatus;
import java.time.Instant;
import java.util.OptionalLong;

/** Converts between the portfolio core's order account and the stored and published Avro forms. */
final class PortfolioMapping {

    private PortfolioMapping() {
    }

    static OrderAccount account(final PortfolioOrderSnapshot o) {
        return new OrderAccount(o.getOrderId(), o.getUserId(), o.getSymbol(), o.getSide() == Side.BUY,
                o.getOrderType() == OrderType.MARKET, o.getLimitPricePaise() == null ? 0 : o.getLimitPricePaise(),
                o.getQuantityShares(), o.getFilledQuantityShares(), o.getOpenQuantityShares(), o.getFilledNotionalPaise(),
                o.getFeesPaidPaise(), o.getReservedPaise(), o.getReservedShares(), o.getMakerFeeBasisPoints(),
                o.getTakerFeeBasisPoints(), o.getNotionalCapPaise(),
                o.getPendingAmendPricePaise() == null ? 0 : o.getPendingAmendPricePaise(),
                o.getPendingAmendQuantityShares() == null ? 0 : o.getPendingAmendQuantityShares(),
                o.getStatus() == PortfolioOrderStatus.OPEN ? OrderStatus.OPEN : OrderStatus.valueOf(o.getStatus().name()));
    }

    static OrderAdmission.Standing standing(final AccountSnapshot account) {
        return account == null ? OrderAdmission.Standing.UNKNOWN
                : OrderAdmission.Standing.of(account.getSuspended(), account.getKycStatus() == KycStatus.APPROVED);
    }

    static OrderAdmission.Listing listing(final Instrument instrument) {
        return instrument == null ? null
                : new OrderAdmission.Listing(instrument.getSymbol(), instrument.getTickSizePaise(), instrument.getBasePricePaise(),
                        instrument.getPriceBandBasisPoints(), instrument.getMakerFeeBasisPoints(), instrument.getTakerFeeBasisPoints());
    }

    static OrderAdmission.OrderRequest request(final String userId, final PlaceOrderCommand place) {
        return new OrderAdmission.OrderRequest(place.getOrderId(), userId, place.getSymbol(), place.getSide() == Side.BUY,
                place.getOrderType() == OrderType.MARKET, place.getLimitPricePaise(), place.getQuantityShares(), place.getPostOnly());
    }

    static OptionalLong lastPrice(final Ticker ticker) {
        return ticker == null ? OptionalLong.empty() : OptionalLong.of(ticker.getLastPricePaise());
    }

    /** The event model's reason code of a refusal: the same name. */
    static ReasonCode reason(final OrderAdmission.Refusal refusal) {
        return ReasonCode.valueOf(refusal.name());
    }

    /** {@code stored} updated with what {@code account} says now. */
    static PortfolioOrderSnapshot snapshot(final PortfolioOrderSnapshot stored, final OrderAccount account,
            final ReasonCode reason, final Instant now) {
        return PortfolioOrderSnapshot.newBuilder(stored)
                .setLimitPricePaise(account.market() ? null : account.limitPricePaise())
                .setQuantityShares(account.quantityShares())
                .setFilledQuantityShares(account.filledQuantityShares())
                .setOpenQuantityShares(account.openQuantityShares())
                .setFilledNotionalPaise(account.filledNotionalPaise())
                .setFeesPaidPaise(account.feesPaidPaise())
                .setReservedPaise(account.reservedPaise())
                .setReservedShares(account.reservedShares())
                .setPendingAmendPricePaise(account.pendingPricePaise() == 0 ? null : account.pendingPricePaise())
                .setPendingAmendQuantityShares(account.pendingQuantityShares() == 0 ? null : account.pendingQuantityShares())
                .setStatus(PortfolioOrderStatus.valueOf(account.status().name()))
                .setReasonCode(reason == null ? stored.getReasonCode() : reason)
                .setUpdatedAtMs(now)
                .build();
    }

    /** An event describing {@code order} as stored; fill fields empty. */
    static OrderEvent.Builder event(final OrderEventType type, final PortfolioOrderSnapshot order) {
        return OrderEvent.newBuilder()
                .setType(type)
                .setOrderId(order.getOrderId())
                .setClientOrderId(order.getClientOrderId())
                .setUserId(order.getUserId())
                .setSymbol(order.getSymbol())
                .setSide(order.getSide())
                .setOrderType(order.getOrderType())
                .setTimeInForce(order.getTimeInForce())
                .setLimitPricePaise(order.getLimitPricePaise())
                .setQuantityShares(order.getQuantityShares())
                .setFilledQuantityShares(order.getFilledQuantityShares())
                .setRemainingQuantityShares(order.getStatus() == PortfolioOrderStatus.OPEN ? order.getOpenQuantityShares() : 0)
                .setFilledNotionalPaise(order.getFilledNotionalPaise())
                .setTradeId(null)
                .setFillPricePaise(null)
                .setFillQuantityShares(null)
                .setLiquidity(null)
                .setFeePaise(null)
                .setReasonCode(null)
                .setReasonMessage(null);
    }

    /** A refusal about an order this user has no record of: only the ids and the reason are meaningful. */
    static OrderEvent.Builder unknownOrder(final OrderEventType type, final String userId, final String orderId,
            final ReasonCode reason) {
        return OrderEvent.newBuilder()
                .setType(type)
                .setOrderId(orderId)
                .setClientOrderId(null)
                .setUserId(userId)
                .setSymbol("")
                .setSide(Side.BUY)
                .setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC)
                .setLimitPricePaise(null)
                .setQuantityShares(0)
                .setFilledQuantityShares(0)
                .setRemainingQuantityShares(0)
                .setFilledNotionalPaise(0)
                .setTradeId(null)
                .setFillPricePaise(null)
                .setFillQuantityShares(null)
                .setLiquidity(null)
                .setFeePaise(null)
                .setReasonCode(reason)
                .setReasonMessage(null);
    }
}
