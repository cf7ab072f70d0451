package io.bourse.edge.api;

import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.market.Candle;
import io.bourse.avro.market.Ticker;
import io.bourse.edge.infra.InstrumentCatalog;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.marketdata.core.CandleInterval;
import io.bourse.marketdata.core.DepthLevel;
import io.bourse.marketdata.core.DepthSnapshot;
import io.bourse.marketdata.core.TapeTrade;
import io.bourse.marketdata.topology.MarketDataQueries;
import io.bourse.marketdata.topology.MarketDataStores;
import io.bourse.schemas.catalogue.MarketDataNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public market data: instruments, depth, candles, tickers and recent trades. */
@RestController
@RequestMapping("/api/v1/market")
@Tag(name = "Market data")
public class MarketController {

    public record InstrumentView(String symbol, String name, String isin, String tickSize, long lotSize, long minQuantity,
            long maxQuantity, String basePrice, int priceBandBasisPoints, Integer makerFeeBasisPoints, Integer takerFeeBasisPoints,
            String status) {
    }

    public record LevelView(String price, long quantity, int orders) {
    }

    public record DepthView(String symbol, long sequence, boolean gapDetected, List<LevelView> bids, List<LevelView> asks) {
    }

    public record CandleView(String start, String end, String open, String high, String low, String close, long volume,
            String turnover, long trades) {
    }

    public record TickerView(String symbol, String lastPrice, String change, String changePercent, String high, String low,
            long volume, String turnover, long trades, String bestBid, String bestAsk, String timestamp) {
    }

    public record TradeView(String tradeId, long sequence, String time, String price, long quantity, String aggressorSide) {
    }

    private final InstrumentCatalog catalog;
    private final StoreReads reads;
    private final TopologyRunner runner;
    private final Clock clock;

    public MarketController(final InstrumentCatalog catalog, final StoreReads reads, final TopologyRunner runner, final Clock clock) {
        this.catalog = catalog;
        this.reads = reads;
        this.runner = runner;
        this.clock = clock;
    }

    @GetMapping("/instruments")
    @Operation(summary = "Every instrument with its trading rules and status")
    public List<InstrumentView> instruments() {
        return catalog.all().stream().map(MarketController::instrument).toList();
    }

    @GetMapping("/{symbol}/depth")
    @Operation(summary = "L2 depth with the book-update sequence it reflects")
    public ResponseEntity<?> depth(@PathVariable @Pattern(regexp = "[A-Z0-9&-]{1,20}") final String symbol,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) final int levels, final HttpServletRequest http) {
        return bySymbol(symbol, http, () -> {
            final Optional<DepthSnapshot> depth = queries().depth(symbol, levels);
            final DepthSnapshot d = depth.orElse(new DepthSnapshot(0, false, List.of(), List.of()));
            return new DepthView(symbol, d.sequence(), d.gapDetected(), levels(d.bids()), levels(d.asks()));
        });
    }

    @GetMapping("/{symbol}/candles")
    @Operation(summary = "OHLCV candles; interval M1, M5, M15, H1 or D1; from/to ISO-8601 (default: the last day)")
    public ResponseEntity<?> candles(@PathVariable @Pattern(regexp = "[A-Z0-9&-]{1,20}") final String symbol,
            @RequestParam(defaultValue = "M1") final CandleInterval interval,
            @RequestParam(required = false) final Instant from, @RequestParam(required = false) final Instant to,
            final HttpServletRequest http) {
        final Instant end = to == null ? Instant.now() : to;
        final Instant start = from == null ? end.minus(Duration.ofDays(1)) : from;
        if (start.isAfter(end)) {
            throw ApiException.badRequest("INVALID_PARAMETER", "from must not be after to");
        }
        return bySymbol(symbol, http, () -> queries().candles(symbol, interval, start, end).stream().map(MarketController::candle).toList());
    }

    @GetMapping("/{symbol}/ticker")
    @Operation(summary = "Rolling 24-hour ticker")
    public ResponseEntity<?> ticker(@PathVariable @Pattern(regexp = "[A-Z0-9&-]{1,20}") final String symbol,
            final HttpServletRequest http) {
        return bySymbol(symbol, http, () -> queries().ticker(symbol, clock.millis()).map(MarketController::ticker)
                .orElseThrow(() -> ApiException.notFound("NO_TICKER", "No trades in " + symbol + " yet")));
    }

    @GetMapping("/tickers")
    @Operation(summary = "Tickers of every symbol that has traded, gathered from every node")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = TickerView.class))))
    public ResponseEntity<?> tickers(final HttpServletRequest http) {
        return reads.allPartitions(TopologyRunner.MARKETDATA, MarketDataNames.TICKERS, http, "symbol", () -> {
            final MarketDataQueries queries = queries();
            final long now = clock.millis();
            return catalog.all().stream().map(i -> {
                try {
                    return queries.ticker(i.getSymbol(), now).map(MarketController::ticker);
                } catch (final RuntimeException notHere) {
                    return Optional.<TickerView>empty();
                }
            }).flatMap(Optional::stream).toList();
        });
    }

    @GetMapping("/{symbol}/trades")
    @Operation(summary = "Most recent trades, newest first")
    public ResponseEntity<?> trades(@PathVariable @Pattern(regexp = "[A-Z0-9&-]{1,20}") final String symbol,
            @RequestParam(defaultValue = "50") @Min(1) @Max(100) final int limit, final HttpServletRequest http) {
        return bySymbol(symbol, http, () -> queries().recentTrades(symbol, limit).stream().map(MarketController::trade).toList());
    }

    private <T> ResponseEntity<?> bySymbol(final String symbol, final HttpServletRequest http, final java.util.function.Supplier<T> local) {
        if (catalog.get(symbol).isEmpty()) {
            throw ApiException.notFound("UNKNOWN_SYMBOL", "No instrument " + symbol);
        }
        return reads.byKey(TopologyRunner.MARKETDATA, MarketDataNames.TICKERS, symbol, http, local);
    }

    private MarketDataQueries queries() {
        return new MarketDataQueries(MarketDataStores.of(runner.streams(TopologyRunner.MARKETDATA)
                .orElseThrow(() -> ApiException.unavailable("This node does not run market data"))));
    }

    static InstrumentView instrument(final Instrument i) {
        return new InstrumentView(i.getSymbol(), i.getName(), i.getIsin(), Money.format(i.getTickSizePaise()), i.getLotSizeShares(),
                i.getMinQuantityShares(), i.getMaxQuantityShares(), Money.format(i.getBasePricePaise()), i.getPriceBandBasisPoints(),
                i.getMakerFeeBasisPoints(), i.getTakerFeeBasisPoints(), i.getStatus().name());
    }

    static List<LevelView> levels(final List<DepthLevel> levels) {
        return levels.stream().map(l -> new LevelView(Money.format(l.pricePaise()), l.quantityShares(), l.orderCount())).toList();
    }

    public static CandleView candleView(final Candle c) {
        return candle(c);
    }

    public static TickerView tickerView(final Ticker t) {
        return ticker(t);
    }

    static CandleView candle(final Candle c) {
        return new CandleView(c.getStartMs().toString(), c.getEndMs().toString(), Money.format(c.getOpenPricePaise()),
                Money.format(c.getHighPricePaise()), Money.format(c.getLowPricePaise()), Money.format(c.getClosePricePaise()),
                c.getVolumeShares(), Money.format(c.getTurnoverPaise()), c.getTradeCount());
    }

    static TickerView ticker(final Ticker t) {
        return new TickerView(t.getSymbol(), Money.format(t.getLastPricePaise()), Views.amount(t.getChangePaise(), true),
                Views.amount(t.getChangeBasisPoints(), true), Money.format(t.getHighPricePaise()), Money.format(t.getLowPricePaise()),
                t.getVolumeShares(), Money.format(t.getTurnoverPaise()), t.getTradeCount(), Money.formatOrNull(t.getBestBidPricePaise()),
                Money.formatOrNull(t.getBestAskPricePaise()), t.getTimestampMs().toString());
    }

    static TradeView trade(final TapeTrade t) {
        return new TradeView(t.tradeId(), t.sequence(), Instant.ofEpochMilli(t.timeMs()).toString(), Money.format(t.pricePaise()),
                t.quantityShares(), t.aggressorSide().name());
    }
}
