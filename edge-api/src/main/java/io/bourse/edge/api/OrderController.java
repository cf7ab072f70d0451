package io.bourse.edge.api;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.orders.AmendOrderCommand;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.portfolio.PortfolioOrderSnapshot;
import io.bourse.avro.portfolio.PortfolioOrderStatus;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.Commands;
import io.bourse.edge.infra.InstrumentCatalog;
import io.bourse.edge.infra.OrderVerdicts;
import io.bourse.edge.infra.OrderVerdicts.Verdict;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.web.PlacesInProgress;
import io.bourse.portfolio.topology.PortfolioQueries;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.micrometer.core.instrument.Gauge;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Place, cancel, amend and read orders. Every write answers with the exchange's verdict on that very
 * request: place answers 201 with the order's state at the matching engine (RESTING,
 * PARTIALLY_FILLED or FILLED, with its fills), or 422 with the reason code when the portfolio or the
 * engine refused it or it ended without a single execution; cancel and amend answer 200 with the
 * order's state after them, or 404, 409 or 422 with the reason. Each waits up to
 * {@code bourse.orders.place-wait} from its send, then answers 202 with the id. No request thread is
 * held while it waits: the thread that reads the verdict completes the answer, so the request
 * threads bound a node's work in progress, not its orders in flight. While a place this node is
 * still answering has waited longer than {@code bourse.orders.busy-after} (for its verdict, or for a
 * request thread to write its answer: {@link PlacesInProgress}), a new place is refused at once
 * (503 {@code EXCHANGE_BUSY}, nothing sent); cancels and amends always go through. A repeated
 * {@code Idempotency-Key} or client order id maps to the same order id, so a retry never places
 * twice; it is answered from the order's current state (200, header {@code Idempotent-Replayed}) or
 * its original rejection.
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

    /** Marks the answer to a retried place: the order's current state, not a new verdict. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CommandPublisher publisher;
    private final OrderVerdicts verdicts;
    private final StoreReads reads;
    private final BourseProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer verdictLatency;
    private final InstrumentCatalog catalog;
    /** Answers a retried place whose wait ran out, which may ask another node: not on the thread that timed it out. */
    private final Executor afterWaits;
    private final PlacesInProgress inProgress;

    public OrderController(final CommandPublisher publisher, final OrderVerdicts verdicts, final StoreReads reads,
            final BourseProperties properties, final Clock clock, final MeterRegistry meters, final InstrumentCatalog catalog,
            @Qualifier("applicationTaskExecutor") final Executor afterWaits, final PlacesInProgress inProgress) {
        this.catalog = catalog;
        this.inProgress = inProgress;
        this.afterWaits = afterWaits;
        this.publisher = publisher;
        this.verdicts = verdicts;
        this.reads = reads;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.verdictLatency = Timer.builder("bourse.order.latency").description("place request to the exchange's verdict")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("bourse.orders.waiting", verdicts, OrderVerdicts::waiting)
                .description("orders, cancels and amends sent through this node still waiting for their verdicts").register(meters);
    }

    @PostMapping
    @Operation(summary = "Place a limit or market order; the answer is the matching engine's verdict")
    public CompletableFuture<ResponseEntity<?>> place(@Valid @RequestBody final PlaceOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 128) final String idempotencyKey,
            final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        final boolean market = request.type() == OrderType.MARKET;
        if (market == (request.price() != null)) {
            throw ApiException.badRequest("INVALID_ORDER", market ? "A market order takes no price" : "A limit order needs a price");
        }
        final Long pricePaise = market ? null : Money.toPaise(request.price(), "price");
        checkAgainstInstrument(request.symbol(), pricePaise, request.quantity());
        final boolean retryable = request.clientOrderId() != null || idempotencyKey != null;
        final String orderId = Commands.placedOrderId(userId, request.clientOrderId(), idempotencyKey);
        if (retryable) {
            final Optional<ResponseEntity<?>> replay = replay(userId, orderId, http);
            if (replay.isPresent()) {
                return CompletableFuture.completedFuture(replay.get());
            }
        }
        final Duration behind = inProgress.oldestBesides(http);
        // A retry of a place still waiting here shares its wait (the portfolio places an order id once): never refused.
        if (properties.orders().busy(behind) && !verdicts.placing(userId, orderId)) {
            meters.counter("bourse.orders.shed").increment();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "EXCHANGE_BUSY", "Nothing was placed: an order placed through "
                    + "this node has waited " + behind.toMillis() + " ms for its answer. Retry after a moment");
        }
        final long started = System.nanoTime();
        meters.counter("bourse.orders.received").increment();
        final CompletableFuture<Verdict> verdict = verdicts.expectPlace(userId, orderId);
        return sendAndAwait(verdict, Commands.orderCommand(userId, idempotencyKey, PlaceOrderCommand.newBuilder()
                .setOrderId(orderId).setClientOrderId(request.clientOrderId()).setSymbol(request.symbol())
                .setSide(request.side()).setOrderType(request.type())
                .setTimeInForce(request.timeInForce() == null ? (market ? TimeInForce.IOC : TimeInForce.GTC) : request.timeInForce())
                .setLimitPricePaise(pricePaise).setQuantityShares(request.quantity())
                .setPostOnly(Boolean.TRUE.equals(request.postOnly()))
                .setSelfTradePrevention(request.selfTradePrevention() == null ? SelfTradePrevention.CANCEL_NEWEST
                        : request.selfTradePrevention())
                .build(), Instant.now(clock))).thenCompose(answer -> {
                    if (answer.isPresent()) {
                        verdictLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        return CompletableFuture.completedFuture(placed(orderId, answer.get()));
                    }
                    // A retry of an order decided before this wait began hears no new verdict: answer from its state
                    // (which may be another node's: asked off the thread that timed the wait out).
                    return retryable ? CompletableFuture.supplyAsync(() -> replay(userId, orderId, http).orElseGet(() -> pending(orderId)),
                            afterWaits) : CompletableFuture.completedFuture(pending(orderId));
                });
    }

    /** The answer to a place the exchange decided: 201 with the order's state at the engine, or 422 with the refusal. */
    private ResponseEntity<?> placed(final String orderId, final Verdict decided) {
        final ReasonCode refusal = decided.refusedByPortfolio() ? decided.refusal().getReasonCode() : endedUntraded(decided.last());
        if (refusal != null) {
            meters.counter("bourse.orders.rejected", "reason", refusal.name()).increment();
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, refusal.name(), "Order " + orderId + " was rejected"
                    + (decided.refusedByPortfolio() ? "" : " by the matching engine") + ": " + refusal);
        }
        meters.counter("bourse.orders.accepted").increment();
        return ResponseEntity.status(HttpStatus.CREATED).body(Views.orderState(decided.results()));
    }

    @DeleteMapping("/{orderId}")
    @Operation(summary = "Cancel an open order; the answer says what the engine did with this cancel")
    public CompletableFuture<ResponseEntity<?>> cancel(@PathVariable @Size(max = 64) final String orderId) {
        return request(orderId, CancelOrderCommand.newBuilder().setOrderId(orderId).build());
    }

    @PatchMapping("/{orderId}")
    @Operation(summary = "Change an open order's price or total quantity; the answer says what the engine did with this amend")
    public CompletableFuture<ResponseEntity<?>> amend(@PathVariable @Size(max = 64) final String orderId,
            @Valid @RequestBody final AmendOrderRequest request) {
        if (request.price() == null && request.quantity() == null) {
            throw ApiException.badRequest("INVALID_ORDER", "Give a new price, a new quantity, or both");
        }
        return request(orderId, AmendOrderCommand.newBuilder().setOrderId(orderId)
                .setNewLimitPricePaise(request.price() == null ? null : Money.toPaise(request.price(), "price"))
                .setNewQuantityShares(request.quantity()).build());
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "One of your orders")
    public ResponseEntity<?> get(@PathVariable @Size(max = 64) final String orderId, final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name(), userId, http, () -> {
            final PortfolioOrderSnapshot order = PortfolioQueries.order(
                    reads.storeFor(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name(), userId), userId, orderId);
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
            final var store = reads.<PortfolioOrderSnapshot>storeFor(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name(), userId);
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

    /**
     * Sends a cancel or an amend and answers with what happened to this very request: the order's
     * state after it (200), or the refusal, whoever refused it.
     */
    private CompletableFuture<ResponseEntity<?>> request(final String orderId, final Object payload) {
        final String userId = CurrentUser.id();
        final OrderCommand command = Commands.orderCommand(userId, null, payload, Instant.now(clock));
        final CompletableFuture<Verdict> verdict = verdicts.expectCommand(userId, orderId, command.getCommandId());
        return sendAndAwait(verdict, command).thenApply(answer -> {
            if (answer.isEmpty()) {
                return pending(orderId);
            }
            final Verdict decided = answer.get();
            if (decided.refusedByPortfolio()) {
                throw refused(orderId, decided.refusal().getReasonCode(), false);
            }
            final MatchingResult last = decided.last();
            if (last.getType() == MatchingResultType.CANCEL_REJECTED || last.getType() == MatchingResultType.AMEND_REJECTED) {
                throw refused(orderId, last.getReasonCode(), true);
            }
            return ResponseEntity.ok(Views.orderState(decided.results()));
        });
    }

    /**
     * Sends {@code command} and completes with the verdict on it, or empty when none came within the
     * wait (which counts from the send); no servlet thread is held meanwhile. A command that cannot be
     * sent is not waited for: its failure completes the answer.
     */
    private CompletableFuture<Optional<Verdict>> sendAndAwait(final CompletableFuture<Verdict> verdict, final OrderCommand command) {
        final CompletableFuture<Optional<Verdict>> answer = verdicts.within(verdict, properties.orders().placeWait());
        try {
            publisher.send(Topics.ORDERS_COMMANDS, command.getUserId(), command).whenComplete((sent, failure) -> {
                if (failure != null) {
                    verdicts.abandon(verdict);
                    answer.completeExceptionally(failure);
                }
            });
        } catch (final RuntimeException e) {
            verdicts.abandon(verdict);
            throw e;
        }
        return answer;
    }

    /**
     * The answer to a repeated place whose order the portfolio already holds (asked of the node that
     * holds the user's orders): its current state, or its original rejection. Empty when the order is
     * not known (yet), or when that cannot be told now: the portfolio's own check still places nothing twice.
     */
    private Optional<ResponseEntity<?>> replay(final String userId, final String orderId, final HttpServletRequest http) {
        final Optional<ResponseEntity<byte[]>> remote;
        try {
            remote = reads.getFromOwner(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name(), userId,
                    "/api/v1/orders/" + orderId, http);
        } catch (final ApiException | InvalidStateStoreException notNow) {
            return Optional.empty();
        }
        if (remote.isPresent()) {
            return remote.get().getStatusCode().value() == 200 ? Optional.of(replayed(remote.get().getBody())) : Optional.empty();
        }
        final PortfolioOrderSnapshot order;
        try {
            order = PortfolioQueries.order(reads.storeFor(TopologyRunner.PORTFOLIO, PortfolioNames.ORDERS.name(), userId), userId,
                    orderId);
        } catch (final ApiException | InvalidStateStoreException notNow) {
            return Optional.empty();
        }
        if (order == null) {
            return Optional.empty();
        }
        if (order.getStatus() == PortfolioOrderStatus.REJECTED) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, String.valueOf(order.getReasonCode()),
                    "Order " + orderId + " was rejected: " + order.getReasonCode());
        }
        return Optional.of(ResponseEntity.ok().header(REPLAYED, "true").body(Views.order(order)));
    }

    /** The owner node's view of a retried order, answered as this node would answer it. */
    private static ResponseEntity<?> replayed(final byte[] orderJson) {
        final JsonNode order = JSON.readTree(orderJson);
        if ("REJECTED".equals(order.path("status").asString())) {
            final String reason = order.path("reason").asString("UNSPECIFIED");
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, reason,
                    "Order " + order.path("orderId").asString() + " was rejected: " + reason);
        }
        return ResponseEntity.ok().header(REPLAYED, "true").contentType(MediaType.APPLICATION_JSON).body(order);
    }

    private static ResponseEntity<?> pending(final String orderId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("orderId", orderId, "status", "PENDING"));
    }

    /**
     * The reason a new order ended at the engine without a single execution (a post-only that would
     * take, a FOK that cannot fill, a market order with nothing to meet, an IOC that missed), or
     * {@code null} when it rests or traded.
     */
    private static ReasonCode endedUntraded(final MatchingResult last) {
        if (last.getType() == MatchingResultType.REJECTED) {
            return last.getReasonCode();
        }
        final boolean ended = last.getType() == MatchingResultType.CANCELLED || last.getType() == MatchingResultType.EXPIRED;
        return ended && last.getFilledQuantityShares() == 0 ? last.getReasonCode() : null;
    }

    /** A refused cancel or amend as a problem: 404 for an order that is not yours, 409 for one that moved on, else 422. */
    private static ApiException refused(final String orderId, final ReasonCode reason, final boolean byEngine) {
        if (reason == ReasonCode.NOT_ORDER_OWNER || reason == ReasonCode.UNKNOWN_ORDER && !byEngine) {
            return ApiException.notFound("ORDER_NOT_FOUND", "You have no order " + orderId);
        }
        // The portfolio sent it on, so the order is the user's: the engine no longer holding it means it ended meanwhile.
        final ReasonCode code = reason == ReasonCode.UNKNOWN_ORDER ? ReasonCode.ORDER_NOT_OPEN : reason;
        if (code == ReasonCode.ORDER_NOT_OPEN || code == ReasonCode.AMEND_PENDING) {
            return ApiException.conflict(code.name(), "Order " + orderId + ": " + (code == ReasonCode.AMEND_PENDING
                    ? "an earlier amend is still being applied" : "it is no longer open"));
        }
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, String.valueOf(code), "Order " + orderId + ": " + code);
    }
}
