package io.bourse.portfolio.topology;

import io.bourse.avro.common.ReasonCode;
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
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.orders.TransferInSharesCommand;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.portfolio.core.Balances.Reference;
import io.bourse.portfolio.core.LedgerReason;
import io.bourse.portfolio.core.OrderAccount;
import io.bourse.portfolio.core.OrderAdmission;
import io.bourse.portfolio.core.OrderAdmission.Decision;
import io.bourse.portfolio.core.OrderAdmission.Refusal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reserve-funds}: loads what {@link OrderAdmission} needs to decide an order command (the
 * account, the instrument, the last price, the stored order), lets it check the command and reserve
 * what a new order or an amend needs, and forwards the command to matching, or the refusal with its
 * reason to the user. A repeated order id places nothing and emits nothing: the edge answers a
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
        if (repo.order(userId, place.getOrderId()) != null) {
            // A retry: the edge derives the order id from the client's order id (or idempotency key), so a
            // retry carries the same order id. The original's events are already out, and an order's story
            // never repeats or goes backwards: the edge answers a retry from the order's stored state.
            LOG.debug("Ignoring repeated place {} of order {} for {}", command.getCommandId(), place.getOrderId(), userId);
            return;
        }
        final Decision decision = admission(scope).place(PortfolioMapping.request(userId, place),
                PortfolioMapping.standing(repo.account(userId)), PortfolioMapping.listing(repo.instrument(place.getSymbol())),
                symbol -> PortfolioMapping.lastPrice(repo.ticker(symbol)));
        final OrderAccount decided = decision.order();
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
                .setMakerFeeBasisPoints(decided.makerFeeBasisPoints())
                .setTakerFeeBasisPoints(decided.takerFeeBasisPoints())
                .setNotionalCapPaise(decided.notionalCapPaise())
                .setStatus(PortfolioOrderStatus.OPEN)
                .setReasonCode(null)
                .setCreatedAtMs(scope.timestamp())
                .setUpdatedAtMs(scope.timestamp())
                .setAccepted(false);
        if (!decision.admitted()) {
            final ReasonCode refusal = PortfolioMapping.reason(decision.refusal());
            final PortfolioOrderSnapshot rejected = order.setStatus(PortfolioOrderStatus.REJECTED).setOpenQuantityShares(0)
                    .setReasonCode(refusal).build();
            repo.saveOrder(rejected);
            scope.orderEvent(PortfolioMapping.event(OrderEventType.REJECTED, rejected).setReasonCode(refusal)
                    .setCommandId(command.getCommandId()));
            return;
        }
        final PortfolioOrderSnapshot saved = PortfolioMapping.snapshot(order.setAccepted(true).build(), decided, null,
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
                        .setReservedPaise(decided.market() && decided.buy() ? decided.notionalCapPaise() : decided.reservedPaise())
                        .build())
                .build());
        // No event yet: the order's first event is the engine's verdict (RESTING, FILL, REJECTED, ...), which
        // carries the whole order. Its admission here is internal; the reservation is on the ledger.
    }

    private void cancel(final String userId, final OrderCommand command, final CancelOrderCommand cancel,
            final CommandScope scope) {
        final PortfolioOrderSnapshot order = scope.repository().order(userId, cancel.getOrderId());
        final Optional<Refusal> refusal = admission(scope).cancel(order == null ? null : PortfolioMapping.account(order));
        if (refusal.isPresent()) {
            scope.orderEvent(refused(OrderEventType.CANCEL_REJECTED, userId, cancel.getOrderId(), order, refusal.get())
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

    private void amend(final String userId, final OrderCommand command, final AmendOrderCommand amend,
            final CommandScope scope) {
        final PortfolioRepository repo = scope.repository();
        final PortfolioOrderSnapshot order = repo.order(userId, amend.getOrderId());
        final Decision decision = admission(scope).amend(order == null ? null : PortfolioMapping.account(order),
                amend.getNewLimitPricePaise(), amend.getNewQuantityShares());
        if (!decision.admitted()) {
            scope.orderEvent(refused(OrderEventType.AMEND_REJECTED, userId, amend.getOrderId(), order, decision.refusal())
                    .setCommandId(command.getCommandId()));
            return;
        }
        repo.saveOrder(PortfolioMapping.snapshot(order, decision.order(), null, scope.timestamp()));
        scope.matchingCommand(MatchingCommand.newBuilder()
                .setCommandId(command.getCommandId())
                .setSymbol(order.getSymbol())
                .setIssuedAtMs(command.getIssuedAtMs())
                .setPayload(MatchAmendOrderCommand.newBuilder().setOrderId(order.getOrderId()).setUserId(userId)
                        .setNewLimitPricePaise(amend.getNewLimitPricePaise())
                        .setNewQuantityShares(amend.getNewQuantityShares()).build())
                .build());
    }

    private OrderAdmission admission(final CommandScope scope) {
        return new OrderAdmission(scope.accounting, config.defaultMakerFeeBasisPoints(), config.defaultTakerFeeBasisPoints());
    }

    /** The refusal event of a cancel or amend: about the stored order, or only its id when there is none. */
    private static OrderEvent.Builder refused(final OrderEventType type, final String userId, final String orderId,
            final PortfolioOrderSnapshot order, final Refusal refusal) {
        final ReasonCode reason = PortfolioMapping.reason(refusal);
        return order == null ? PortfolioMapping.unknownOrder(type, userId, orderId, reason)
                : PortfolioMapping.event(type, order).setReasonCode(reason);
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
