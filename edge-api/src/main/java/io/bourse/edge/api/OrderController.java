package io.bourse.edge.api;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.orders.AmendOrderCommand;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.edge.BourseProperties;
import io.bourse.avro.instruments.Instrument;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.Commands;
import io.bourse.edge.infra.InstrumentCatalog;
import io.bourse.edge.infra.Outcomes;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.portfolio.topology.PortfolioQueries;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Place, cancel, amend and read orders. Place answers 201 with the order once the portfolio
 * accepted it, 422 with the reason code if it was rejected, or 202 with the id if the verdict takes
 * longer than {@code bourse.orders.place-wait}. A repeated {@code Idempotency-Key} or client order id
 * maps to the same order id, so retries never place twice.
 */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders")
public class OrderController {

    public record PlaceOrderRequest(
            @NotNull @Pattern(regexp = "[A-Z0-9&-]{1,20}") String symbol,
            @NotNull Side side,
            @NotNull OrderType type,
            TimeInForce timeInForce,
            @Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?") String price,
            @NotNull @Positive @Max(1_000_000_000L) Long quantity,
            Boolean postOnly,
            SelfTradePrevention selfTradePrevention,
            @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String clientOrderId) {
    }

    public record AmendOrderRequest(@Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?") String price,
            @Positive @Max(1_000_000_000L) Long quantity) {
    }

    private final CommandPublisher publisher;
    private final Outcomes outcomes;
    private final StoreReads reads;
    private final BourseProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer acceptLatency;
    private final InstrumentCatalog catalog;

    public OrderController(final CommandPublisher publisher, final Outcomes outcomes, final StoreReads reads,
            final BourseProperties properties, final Clock clock, final MeterRegistry meters, final InstrumentCatalog catalog) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.reads = reads;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.acceptLatency = Timer.builder("bourse.order.latency").description("place request to ACCEPTED or REJECTED")
                .publishPercentileHistogram().register(meters);
    }

    @PostMapping
    @Operation(summary = "Place a limit or market order")
    public ResponseEntity<?> place(@Valid @RequestBody final PlaceOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 128) final String idempotencyKey) {
        final String userId = CurrentUser.id();
        final boolean market = request.type() == OrderType.MARKET;
        if (market == (request.price() != null)) {
            throw ApiException.badRequest("INVALID_ORDER", market ? "A market order takes no price" : "A limit order needs a price");
        }
        final Long pricePaise = market ? null : Money.toPaise(request.price(), "price");
        checkAgainstInstrument(request.symbol(), pricePaise, request.quantity());
        final String retryKey = request.clientOrderId() != null ? "client:" + request.clientOrderId()
                : idempotencyKey != null ? "key:" + idempotencyKey : null;
        final String orderId = retryKey == null ? "o-" + UUID.randomUUID()
                : "o-" + UUID.nameUUIDFromBytes((userId + "|" + retryKey).getBytes(StandardCharsets.UTF_8));
        final long started = System.nanoTime();
        meters.counter("bourse.orders.received").increment();
        final CompletableFuture<OrderEvent> verdict = outcomes.expectOrder(userId, orderId);
        publisher.send(Topics.ORDERS_COMMANDS, userId, command(userId, idempotencyKey, PlaceOrderCommand.newBuilder()
                .setOrderId(orderId).setClientOrderId(request.clientOrderId()).setSymbol(request.symbol())
                .setSide(request.side()).setOrderType(request.type())
                .setTimeInForce(request.timeInForce() == null ? (market ? TimeInForce.IOC : TimeInForce.GTC) : request.timeInForce())
                .setLimitPricePaise(pricePaise).setQuantityShares(request.quantity())
                .setPostOnly(Boolean.TRUE.equals(request.postOnly()))
                .setSelfTradePrevention(request.selfTradePrevention() == null ? SelfTradePrevention.CANCEL_NEWEST
                        : request.selfTradePrevention())
                .build())).join();
        final Optional<OrderEvent> event = outcomes.await(verdict, properties.orders().placeWait());
        if (event.isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("orderId", orderId, "status", "PENDING"));
        }
        acceptLatency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        final OrderEvent outcome = event.get();
        if (outcome.getType() == OrderEventType.REJECTED) {
            meters.counter("bourse.orders.rejected", "reason", String.valueOf(outcome.getReasonCode())).increment();
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, String.valueOf(outcome.getReasonCode()),
                    "Order " + orderId + " was rejected: " + outcome.getReasonCode());
        }
        meters.counter("bourse.orders.accepted").increment();
        return ResponseEntity.status(HttpStatus.CREATED).body(Views.event(outcome));
    }

    @DeleteMapping("/{orderId}")
    @Operation(summary = "Cancel an open order")
    public ResponseEntity<?> cancel(@PathVariable @Size(max = 64) final String orderId) {
        final String userId = CurrentUser.id();
        final CompletableFuture<OrderEvent> verdict = outcomes.expectOrder(userId, orderId);
        publisher.send(Topics.ORDERS_COMMANDS, userId, command(userId, null, CancelOrderCommand.newBuilder().setOrderId(orderId).build()))
                .join();
        return answer(orderId, outcomes.await(verdict, properties.orders().placeWait()), OrderEventType.CANCEL_REJECTED);
    }

    @PatchMapping("/{orderId}")
    @Operation(summary = "Change an open order's price or total quantity")
    public ResponseEntity<?> amend(@PathVariable @Size(max = 64) final String orderId, @Valid @RequestBody final AmendOrderRequest request) {
        if (request.price() == null && request.quantity() == null) {
            throw ApiException.badRequest("INVALID_ORDER", "Give a new price, a new quantity, or both");
        }
        final String userId = CurrentUser.id();
        final CompletableFuture<OrderEvent> verdict = outcomes.expectOrder(userId, orderId);
        publisher.send(Topics.ORDERS_COMMANDS, userId, command(userId, null, AmendOrderCommand.newBuilder().setOrderId(orderId)
                .setNewLimitPricePaise(request.price() == null ? null : Money.toPaise(request.price(), "price"))
                .setNewQuantityShares(request.quantity()).build())).join();
        return answer(orderId, outcomes.await(verdict, properties.orders().placeWait()), OrderEventType.AMEND_REJECTED);
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "One of your orders")
    public ResponseEntity<?> get(@PathVariable @Size(max = 64) final String orderId, final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name(), userId, http, () -> {
            final PortfolioOrderSnapshot order = PortfolioQueries.order(
                    reads.store(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name()), userId, orderId);
            if (order == null) {
                throw ApiException.notFound("ORDER_NOT_FOUND", "You have no order " + orderId);
            }
            return Views.order(order);
        });
    }

    @GetMapping
    @Operation(summary = "Your open orders (status=open) or most recent orders (status=all)")
    public ResponseEntity<?> list(@RequestParam(defaultValue = "open") @Pattern(regexp = "open|all") final String status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) final int limit, final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name(), userId, http, () -> {
            final var store = reads.<PortfolioOrderSnapshot>store(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name());
            final var orders = "open".equals(status) ? PortfolioQueries.openOrders(store, userId)
                    : PortfolioQueries.recentOrders(store, userId, limit);
            return orders.stream().limit(limit).map(Views::order).toList();
        });
    }

    /** Off-grid prices and quantities are refused here, before anything reaches Kafka. */
    private void checkAgainstInstrument(final String symbol, final Long pricePaise, final long quantity) {
        final Instrument instrument = catalog.get(symbol)
                .orElseThrow(() -> ApiException.badRequest("UNKNOWN_SYMBOL", "No instrument " + symbol));
        if (pricePaise != null && pricePaise % instrument.getTickSizePaise() != 0) {
            throw ApiException.badRequest("INVALID_PRICE_TICK", "price must be a multiple of the tick size "
                    + Money.format(instrument.getTickSizePaise()));
        }
        if (quantity < instrument.getMinQuantityShares() || quantity > instrument.getMaxQuantityShares()) {
            throw ApiException.badRequest("QUANTITY_OUT_OF_RANGE", "quantity must be between " + instrument.getMinQuantityShares()
                    + " and " + instrument.getMaxQuantityShares());
        }
        if (quantity % instrument.getLotSizeShares() != 0) {
            throw ApiException.badRequest("INVALID_QUANTITY_LOT", "quantity must be a multiple of the lot size "
                    + instrument.getLotSizeShares());
        }
    }

    private ResponseEntity<?> answer(final String orderId, final Optional<OrderEvent> event, final OrderEventType refusal) {
        if (event.isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("orderId", orderId, "status", "PENDING"));
        }
        if (event.get().getType() == refusal) {
            final String reason = String.valueOf(event.get().getReasonCode());
            if ("UNKNOWN_ORDER".equals(reason)) {
                throw ApiException.notFound("ORDER_NOT_FOUND", "You have no order " + orderId);
            }
            throw ApiException.conflict(reason, "Order " + orderId + ": " + reason);
        }
        return ResponseEntity.ok(Views.event(event.get()));
    }

    private OrderCommand command(final String userId, final String idempotencyKey, final Object payload) {
        return Commands.orderCommand(userId, idempotencyKey, payload, Instant.now(clock));
    }
}
