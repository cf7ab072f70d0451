package io.bourse.edge.api;

import io.bourse.avro.market.Ticker;
import io.bourse.avro.portfolio.PositionSnapshot;
import io.bourse.avro.portfolio.UserCounters;
import io.bourse.edge.infra.LedgerHistory;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.marketdata.topology.MarketDataQueries;
import io.bourse.marketdata.topology.MarketDataStores;
import io.bourse.portfolio.topology.PortfolioQueries;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Your balances, holdings with average cost and P&amp;L, and ledger. */
@RestController
@RequestMapping("/api/v1/portfolio")
@Tag(name = "Portfolio")
public class PortfolioController {

    public record CashView(String available, String reserved, String total) {
    }

    public record HoldingView(String symbol, long available, long reserved, long quantity, String averageCost,
            String costBasis, String realizedPnl, String lastPrice, String marketValue, String unrealizedPnl) {
    }

    public record BalancesView(CashView cash, List<HoldingView> holdings) {
    }

    private final StoreReads reads;
    private final TopologyRunner runner;
    private final LedgerHistory history;

    public PortfolioController(final StoreReads reads, final TopologyRunner runner, final LedgerHistory history) {
        this.reads = reads;
        this.history = history;
        this.runner = runner;
    }

    @GetMapping("/balances")
    @Operation(summary = "Cash and holdings, with average cost, realized and unrealized P&L (last price from market data)")
    public ResponseEntity<?> balances(final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.POSITIONS.name(), userId, http, () -> {
            final List<PositionSnapshot> positions = PortfolioQueries.positions(
                    reads.storeFor(TopologyRunner.PORTFOLIO, PortfolioNames.POSITIONS.name(), userId), userId);
            CashView cash = new CashView("0.00", "0.00", "0.00");
            final List<HoldingView> holdings = new java.util.ArrayList<>();
            for (final PositionSnapshot p : positions) {
                if (p.getAsset().equals("INR")) {
                    cash = new CashView(Money.format(p.getAvailable()), Money.format(p.getReserved()),
                            Money.format(p.getAvailable() + p.getReserved()));
                } else if (p.getAvailable() + p.getReserved() > 0 || p.getRealizedPnlPaise() != 0) {
                    holdings.add(holding(p, lastPrice(p.getAsset())));
                }
            }
            return new BalancesView(cash, holdings);
        });
    }

    @GetMapping("/ledger")
    @Operation(summary = "Your most recent balance changes, newest first")
    public ResponseEntity<?> ledger(@RequestParam(defaultValue = "50") @Min(1) @Max(200) final int limit,
            final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        // The owner of the user's counters reads on from them: they say where the user's postings end.
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.COUNTERS.name(), userId, http, () -> {
            final UserCounters counters = reads.<UserCounters>storeFor(TopologyRunner.PORTFOLIO, PortfolioNames.COUNTERS.name(), userId)
                    .get(userId);
            if (counters == null) {
                return List.<Views.LedgerView>of();
            }
            return history.latest(userId, counters.getLedgerSequence(), counters.getLastPostingTimestampMs(), limit).stream()
                    .map(Views::ledger).toList();
        });
    }

    private Optional<Long> lastPrice(final String symbol) {
        return runner.streams(TopologyRunner.MARKETDATA).flatMap(streams -> {
            try {
                return new MarketDataQueries(MarketDataStores.of(streams)).ticker(symbol).map(Ticker::getLastPricePaise);
            } catch (final RuntimeException notLocalOrRestoring) {
                return Optional.empty();
            }
        });
    }

    static HoldingView holding(final PositionSnapshot p, final Optional<Long> lastPrice) {
        final long quantity = p.getAvailable() + p.getReserved();
        final String average = quantity == 0 ? null : Views.averageRupees(p.getCostBasisPaise(), quantity);
        final Long value = lastPrice.map(price -> price * quantity).orElse(null);
        return new HoldingView(p.getAsset(), p.getAvailable(), p.getReserved(), quantity, average, Money.format(p.getCostBasisPaise()),
                Views.amount(p.getRealizedPnlPaise(), true), lastPrice.map(Money::format).orElse(null),
                value == null ? null : Money.format(value), value == null ? null : Views.amount(value - p.getCostBasisPaise(), true));
    }
}
