package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.market.Ticker;
import io.bourse.avro.matching.AddInstrumentCommand;
import io.bourse.avro.matching.CloseSessionCommand;
import io.bourse.avro.matching.HaltTradingCommand;
import io.bourse.avro.matching.MatchAmendOrderCommand;
import io.bourse.avro.matching.MatchCancelOrderCommand;
import io.bourse.avro.matching.MatchNewOrderCommand;
import io.bourse.avro.matching.MatchingCommand;
import io.bourse.avro.matching.ResumeTradingCommand;
import io.bourse.avro.orders.AmendOrderCommand;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.InstrumentAdminCommand;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.orders.TransferInSharesCommand;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.portfolio.core.Balances.Reference;
import io.bourse.portfolio.core.LedgerReason;
import io.bourse.portfolio.core.OrderAccount;
import io.bourse.portfolio.core.OrderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reserve-funds}: checks each order command against the account, the instrument and the
 * balances, reserves what a new order needs and forwards it to matching, or rejects it with a
 * reason. A repeated order id places nothing and emits nothing: the edge answers a
 * retry from the order's stored state.
 * Also applies admin share transfers and forwards admin instrument commands to matching.
 */
final class OrderCommandProcessor extends PortfolioProcessor<OrderCommand> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderCommandProcessor.class);
    private static final String TRANSFER = "transfer";

    private final PortfolioConfig config;

    OrderCommandProcessor(final PortfolioConfig config) {
        this.config = config;
    }

    @Override
    void handle(final String userId, final OrderCommand command, final CommandScope scope) {
        final Object payload = command.getPayload();
        if (payload instanceof PlaceOrderCommand place) {
            place(userId, command, place, scope);
        } else if (payload instanceof CancelOrderCommand cancel) {
            cancel(userId, command, cancel, scope);
        } else if (payload instanceof AmendOrderCommand amend) {
            amend(userId, command, amend, scope);
        } else if (payload instanceof TransferInSharesCommand transfer) {
            transferIn(userId, transfer, scope);
        } else if (payload instanceof InstrumentAdminCommand admin) {
            admin(command, admin, scope);
        }
    }

    private void place(final String userId, final OrderCommand command, final PlaceOrderCommand place, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        if (earlierOrder(userId, place, repo) != null) {
            // A retry: the original's events are already out, and an order's story never repeats or goes
            // backwards. The edge answers a retry from the order's stored state.
            LOG.debug("Ignoring repeated place {} of order {} for {}", command.getCommandId(), place.getOrderId(), userId);
            return;
        }
        final Instrument instrument = repo.instrument(place.getSymbol());
        final int maker = instrument == null || instrument.getMakerFeeBasisPoints() == null
                ? config.defaultMakerFeeBasisPoints() : instrument.getMakerFeeBasisPoints();
        final int taker = instrument == null || instrument.getTakerFeeBasisPoints() == null
                ? config.defaultTakerFeeBasisPoints() : instrument.getTakerFeeBasisPoints();
        final boolean buy = place.getSide() == Side.BUY;
        final boolean market = place.getOrderType() == OrderType.MARKET;
        final PortfolioOrderSnapshot.Builder order = PortfolioOrderSnapshot.newBuilder()
                .setOrderId(place.getOrderId())
                .setClientOrderId(place.getClientOrderId())
                .setUserId(userId)
                .setSymbol(place.getSymbol())
                .setSide(place.getSide())
                .setOrderType(place.getOrderType())
                .setTimeInForce(place.getTimeInForce())
                .setLimitPricePaise(place.getLimitPricePaise())
                .setQuantityShares(place.getQuantityShares())
                .setFilledQuantityShares(0)
                .setOpenQuantityShares(place.getQuantityShares())
                .setFilledNotionalPaise(0)
                .setFeesPaidPaise(0)
                .setReservedPaise(0)
                .setReservedShares(0)
                .setMakerFeeBasisPoints(maker)
                .setTakerFeeBasisPoints(taker)
                .setNotionalCapPaise(0)
                .setStatus(PortfolioOrderStatus.OPEN)
                .setReasonCode(null)
                .setCreatedAtMs(scope.timestamp())
                .setUpdatedAtMs(scope.timestamp())
                .setAccepted(false);

        ReasonCode refusal = checkAccount(repo.account(userId));
        if (refusal == null) {
            refusal = checkOrder(place, instrument);
        }
        OrderAccount accepted = null;
        if (refusal == null) {
            try {
                final long cap = market && buy ? Math.multiplyExact(place.getQuantityShares(), protectionPrice(instrument, repo)) : 0;
                order.setNotionalCapPaise(cap);
                accepted = scope.accounting.accept(PortfolioMapping.account(order.build()));
                if (accepted == null) {
                    refusal = buy ? ReasonCode.INSUFFICIENT_FUNDS : ReasonCode.INSUFFICIENT_SHARES;
                }
            } catch (final ArithmeticException tooLarge) {
                refusal = ReasonCode.QUANTITY_OUT_OF_RANGE;
            }
        }
        if (refusal != null) {
            final PortfolioOrderSnapshot rejected = order.setStatus(PortfolioOrderStatus.REJECTED).setOpenQuantityShares(0)
                    .setReasonCode(refusal).build();
            repo.saveOrder(rejected);
            scope.orderEvent(PortfolioMapping.event(OrderEventType.REJECTED, rejected).setReasonCode(refusal)
                    .setCommandId(command.getCommandId()));
            return;
        }
        final PortfolioOrderSnapshot saved = PortfolioMapping.snapshot(order.setAccepted(true).build(), accepted, null,
                scope.timestamp());
        repo.saveOrder(saved);
        scope.matchingCommand(MatchingCommand.newBuilder()
                .setCommandId(command.getCommandId())
                .setSymbol(place.getSymbol())
                .setIssuedAtMs(command.getIssuedAtMs())
                .setPayload(MatchNewOrderCommand.newBuilder()
                        .setOrderId(place.getOrderId())
                        .setUserId(userId)
                        .setSide(place.getSide())
                        .setOrderType(place.getOrderType())
                        .setTimeInForce(place.getTimeInForce())
                        .setLimitPricePaise(place.getLimitPricePaise())
                        .setQuantityShares(place.getQuantityShares())
                        .setPostOnly(place.getPostOnly())
                        .setSelfTradePrevention(place.getSelfTradePrevention())
                        .setReservedPaise(market && buy ? accepted.notionalCapPaise() : accepted.reservedPaise())
                        .build())
                .build());
        scope.orderEvent(PortfolioMapping.event(OrderEventType.ACCEPTED, saved).setCommandId(command.getCommandId()));
    }

    /**
     * The order this place command repeats, if any. The edge derives the order id from the client's
     * order id (or idempotency key), so a retry carries the same order id: no second record of client
     * order ids is kept.
     */
    private static PortfolioOrderSnapshot earlierOrder(final String userId, final PlaceOrderCommand place,
            final PortfolioRepository repo) {
        return repo.order(userId, place.getOrderId());
    }

    private static ReasonCode checkAccount(final AccountSnapshot account) {
        if (account == null) {
            return ReasonCode.ACCOUNT_UNKNOWN;
        }
        if (account.getSuspended()) {
            return ReasonCode.ACCOUNT_SUSPENDED;
        }
        return account.getKycStatus() == KycStatus.APPROVED ? null : ReasonCode.KYC_NOT_APPROVED;
    }

    private static ReasonCode checkOrder(final PlaceOrderCommand place, final Instrument instrument) {
        if (instrument == null) {
            return ReasonCode.UNKNOWN_SYMBOL;
        }
        if (place.getQuantityShares() <= 0) {
            return ReasonCode.QUANTITY_OUT_OF_RANGE;
        }
        if (place.getOrderType() == OrderType.MARKET) {
            return place.getLimitPricePaise() == null && !place.getPostOnly() ? null : ReasonCode.INVALID_ORDER;
        }
        if (place.getLimitPricePaise() == null || place.getLimitPricePaise() <= 0) {
            return ReasonCode.INVALID_PRICE;
        }
        return null;
    }

    /**
     * The worst price a market buy may pay: the top of the band around the last price the portfolio
     * knows (the ticker's, else the instrument's base price). Matching enforces the same cap on the
     * notional, so a stale price here can only make the order fill less, never overspend.
     */
    private static long protectionPrice(final Instrument instrument, final PortfolioRepository repo) {
        final Ticker ticker = repo.ticker(instrument.getSymbol());
        final long reference = ticker == null ? instrument.getBasePricePaise() : ticker.getLastPricePaise();
        final long top = Math.multiplyExact(reference, 10_000L + instrument.getPriceBandBasisPoints()) / 10_000L;
        return top / instrument.getTickSizePaise() * instrument.getTickSizePaise();
    }

    private static void cancel(final String userId, final OrderCommand command, final CancelOrderCommand cancel,
            final CommandScope scope) {
        final PortfolioOrderSnapshot order = scope.repository().order(userId, cancel.getOrderId());
        if (order == null || order.getStatus() != PortfolioOrderStatus.OPEN) {
            final ReasonCode reason = order == null ? ReasonCode.UNKNOWN_ORDER : ReasonCode.ORDER_NOT_OPEN;
            scope.orderEvent((order == null
                    ? PortfolioMapping.unknownOrder(OrderEventType.CANCEL_REJECTED, userId, cancel.getOrderId(), reason)
                    : PortfolioMapping.event(OrderEventType.CANCEL_REJECTED, order).setReasonCode(reason))
                    .setCommandId(command.getCommandId()));
            return;
        }
        scope.matchingCommand(MatchingCommand.newBuilder()
                .setCommandId(command.getCommandId())
                .setSymbol(order.getSymbol())
                .setIssuedAtMs(command.getIssuedAtMs())
                .setPayload(MatchCancelOrderCommand.newBuilder().setOrderId(order.getOrderId()).setUserId(userId)
                        .setReasonCode(ReasonCode.USER_CANCELLED).build())
                .build());
    }

    private static void amend(final String userId, final OrderCommand command, final AmendOrderCommand amend,
            final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final PortfolioOrderSnapshot order = repo.order(userId, amend.getOrderId());
        if (order == null) {
            scope.orderEvent(PortfolioMapping.unknownOrder(OrderEventType.AMEND_REJECTED, userId, amend.getOrderId(),
                    ReasonCode.UNKNOWN_ORDER).setCommandId(command.getCommandId()));
            return;
        }
        final OrderAccount account = PortfolioMapping.account(order);
        final ReasonCode invalid = amendProblem(account, amend);
        if (invalid != null) {
            scope.orderEvent(PortfolioMapping.event(OrderEventType.AMEND_REJECTED, order).setReasonCode(invalid)
                    .setCommandId(command.getCommandId()));
            return;
        }
        final long price = amend.getNewLimitPricePaise() == null ? account.limitPricePaise() : amend.getNewLimitPricePaise();
        final long quantity = amend.getNewQuantityShares() == null ? account.quantityShares() : amend.getNewQuantityShares();
        final OrderAccount pending;
        try {
            pending = scope.accounting.requestAmend(account, price, quantity);
        } catch (final ArithmeticException tooLarge) {
            scope.orderEvent(PortfolioMapping.event(OrderEventType.AMEND_REJECTED, order).setReasonCode(ReasonCode.QUANTITY_OUT_OF_RANGE)
                    .setCommandId(command.getCommandId()));
            return;
        }
        if (pending == null) {
            scope.orderEvent(PortfolioMapping.event(OrderEventType.AMEND_REJECTED, order)
                    .setReasonCode(account.buy() ? ReasonCode.INSUFFICIENT_FUNDS : ReasonCode.INSUFFICIENT_SHARES)
                    .setCommandId(command.getCommandId()));
            return;
        }
        repo.saveOrder(PortfolioMapping.snapshot(order, pending, null, scope.timestamp()));
        scope.matchingCommand(MatchingCommand.newBuilder()
                .setCommandId(command.getCommandId())
                .setSymbol(order.getSymbol())
                .setIssuedAtMs(command.getIssuedAtMs())
                .setPayload(MatchAmendOrderCommand.newBuilder().setOrderId(order.getOrderId()).setUserId(userId)
                        .setNewLimitPricePaise(amend.getNewLimitPricePaise())
                        .setNewQuantityShares(amend.getNewQuantityShares()).build())
                .build());
    }

    private static ReasonCode amendProblem(final OrderAccount account, final AmendOrderCommand amend) {
        if (account.status() != OrderStatus.OPEN) {
            return ReasonCode.ORDER_NOT_OPEN;
        }
        if (account.amendPending()) {
            return ReasonCode.AMEND_PENDING;
        }
        if (account.market() || (amend.getNewLimitPricePaise() == null && amend.getNewQuantityShares() == null)) {
            return ReasonCode.INVALID_ORDER;
        }
        if (amend.getNewLimitPricePaise() != null && amend.getNewLimitPricePaise() <= 0) {
            return ReasonCode.INVALID_PRICE;
        }
        if (amend.getNewQuantityShares() != null && amend.getNewQuantityShares() <= account.closedQuantityShares()) {
            return ReasonCode.QUANTITY_OUT_OF_RANGE;
        }
        return null;
    }

    private static void transferIn(final String userId, final TransferInSharesCommand transfer, final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        if (repo.processed(userId, TRANSFER, transfer.getReference()) != null) {
            LOG.info("Ignoring repeated share transfer {} for {}", transfer.getReference(), userId);
            return;
        }
        final long cost = transfer.getCostBasisPaise() == null ? 0 : transfer.getCostBasisPaise();
        // Like deposits, a transfer may overtake the registration it belongs to (another topic): credit it anyway.
        final boolean valid = transfer.getQuantityShares() > 0 && cost >= 0 && repo.instrument(transfer.getSymbol()) != null;
        if (valid) {
            scope.balances.credit(userId, transfer.getSymbol(), transfer.getQuantityShares(), cost, LedgerReason.SHARE_TRANSFER_IN,
                    Reference.payment(transfer.getReference()));
        } else {
            LOG.warn("Refusing share transfer {} of {} {} to {}: unknown symbol, no quantity or negative cost",
                    transfer.getReference(), transfer.getQuantityShares(), transfer.getSymbol(), userId);
        }
        repo.markProcessed(userId, new ProcessedMarker(TRANSFER, transfer.getReference(), null, valid, scope.timestamp()));
    }

    private static void admin(final OrderCommand command, final InstrumentAdminCommand admin, final CommandScope scope) {
        final Object payload = switch (admin.getAction()) {
            case ADD -> admin.getInstrument() == null ? null : AddInstrumentCommand.newBuilder().setInstrument(admin.getInstrument()).build();
            case HALT -> HaltTradingCommand.newBuilder().setReason(admin.getNote()).build();
            case RESUME -> ResumeTradingCommand.newBuilder().setNote(admin.getNote()).build();
            case CLOSE_SESSION -> CloseSessionCommand.newBuilder().setNote(admin.getNote()).build();
            default -> null;
        };
        if (payload == null) {
            LOG.warn("Ignoring admin command {} ({} without what it needs)", command.getCommandId(), admin.getAction());
            return;
        }
        scope.matchingCommand(MatchingCommand.newBuilder()
                .setCommandId(command.getCommandId())
                .setSymbol(admin.getSymbol())
                .setIssuedAtMs(command.getIssuedAtMs())
                .setPayload(payload)
                .build());
    }
}
