package io.bourse.client;

import io.bourse.marketdata.topology.MarketDataConfig;
import io.bourse.marketdata.topology.MarketDataTopology;
import io.bourse.matching.topology.MatchingTopology;
import io.bourse.portfolio.topology.PortfolioConfig;
import io.bourse.portfolio.topology.PortfolioTopology;
import io.bourse.schemas.catalogue.MarketDataNames;
import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.PortfolioNames;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/** The topologies a node can host, by the names {@code bourse.topologies} uses, with their application ids. */
public final class HostedTopologies {

    public static final String MATCHING = "matching";
    public static final String PORTFOLIO = "portfolio";
    public static final String MARKETDATA = "marketdata";

    private HostedTopologies() {
    }

    /** The application id (and consumer group) of the topology called {@code name}. */
    public static String applicationId(final String name) {
        return switch (name) {
            case MATCHING -> MatchingNames.APPLICATION_ID;
            case PORTFOLIO -> PortfolioNames.APPLICATION_ID;
            case MARKETDATA -> MarketDataNames.APPLICATION_ID;
            default -> throw new IllegalArgumentException("Unknown topology '" + name + "' in bourse.topologies");
        };
    }

    /** The topology called {@code name}; {@code serde} holds at least {@code schema.registry.url}. */
    public static Topology build(final String name, final PortfolioConfig fees, final MarketDataConfig marketData,
            final Map<String, ?> serde) {
        return switch (name) {
            case MATCHING -> MatchingTopology.build(serde);
            case PORTFOLIO -> PortfolioTopology.build(fees, serde);
            case MARKETDATA -> MarketDataTopology.build(marketData, serde);
            default -> throw new IllegalArgumentException("Unknown topology '" + name + "' in bourse.topologies");
        };
    }
}
