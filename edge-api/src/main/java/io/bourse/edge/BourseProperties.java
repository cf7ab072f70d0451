package io.bourse.edge;

import io.bourse.schemas.catalogue.PartitionCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything a node is configured with, under {@code bourse.*}. The defaults are written once, in the
 * node's {@code application.yml}, beside the {@code BOURSE_*} variable that sets each one (a placeholder
 * needs its default there anyway); this record only binds them and checks what must hold. The table of
 * every variable is in {@code docs/operations.md}.
 *
 * @param dataDir where the embedded broker and the Streams state live
 * @param topologies which topologies this node runs: matching, portfolio, marketdata, notifications
 */
@ConfigurationProperties("bourse")
public record BourseProperties(String dataDir, List<String> topologies, Kafka kafka, Streams streams, Orders orders,
        Security security, Simulator simulator, Payments payments, Fees fees, RateLimit rateLimit, MarketData marketData) {

    /**
     * @param publishInterval how often the market-data topology emits the candles and tickers that changed,
     *                        each once in its latest state (conflated), to {@code market.candles} and
     *                        {@code market.tickers} and so to WebSocket clients
     */
    public record MarketData(Duration publishInterval) {
    }

    /** Token-bucket rates (bursts of twice the rate) for signed-in users and for anonymous IPs. */
    public record RateLimit(long perUserPerSecond, long perIpPerSecond) {
    }

    /**
     * An empty {@code bootstrapServers} starts the embedded broker and registry on these ports.
     *
     * @param schemaRegistryUserInfo {@code user:password} for a schema registry behind HTTP basic auth
     * @param userPartitions partitions of the user-keyed topics of a new cluster (default 6)
     * @param symbolPartitions partitions of the symbol-keyed topics of a new cluster (default 6)
     * @param client Kafka client settings every client of the node takes when it connects to {@code bootstrapServers}:
     *     {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.*} and the like, for a
     *     secured cluster. The settings a client needs to be correct (isolation level, acks, idempotence, exactly-once)
     *     stay the node's own.
     */
    public record Kafka(String bootstrapServers, String schemaRegistryUrl, String schemaRegistryUserInfo, int embeddedKafkaPort,
            int embeddedRegistryPort, Integer userPartitions, Integer symbolPartitions, Map<String, String> client) {
        public Kafka {
            client = client == null ? Map.of() : Map.copyOf(client);
            if (client.containsKey("bootstrap.servers")) {
                throw new IllegalArgumentException("Set the cluster's address in bourse.kafka.bootstrap-servers, "
                        + "not in bourse.kafka.client");
            }
        }

        public boolean embedded() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }

        /** The counts the topics are created with when they do not exist yet; existing topics keep theirs. */
        public PartitionCounts partitions() {
            return new PartitionCounts(userPartitions == null ? PartitionCounts.DEFAULT.byUser() : userPartitions,
                    symbolPartitions == null ? PartitionCounts.DEFAULT.bySymbol() : symbolPartitions);
        }
    }

    /**
     * @param commitIntervalMs how often a topology commits its transaction; under exactly-once its output is
     *     invisible to the next stage until then, so this bounds the latency each stage adds
     * @param lingerMs how long the topologies' producers wait to fill a batch
     * @param processingGuarantee {@code exactly_once_v2} (the default, and what money needs) or {@code at_least_once},
     *     which exists to measure what exactly-once costs
     * @param advertisedHostPort {@code host:port} other nodes use to reach this one ({@code application.server});
     *     defaults to localhost and the HTTP port
     * @param byTopology settings of one topology (matching, portfolio, marketdata) that differ from the ones above
     * @param cacheMaxBytes the record cache of each topology's stores ({@code statestore.cache.max.bytes}), shared by its
     *     threads. It need only hold what one commit interval rewrites; a larger one keeps entries alive for seconds,
     *     long enough for the collector to move them to the old generation, where they die and cost a full collection
     * @param pollMs how long a stream thread with no input waits in {@code poll} ({@code poll.ms}). A thread commits
     *     between polls, and what it processed after the commit that fell due within a batch waits for the next poll
     *     to return: a stage whose input comes in bursts (a transaction's output becomes readable at once) holds a
     *     burst's tail back this long
     * @param sessionTimeout how long the group waits for a node that stopped heartbeating before its partitions go to the
     *     others ({@code session.timeout.ms} of the topologies' consumers; heartbeats every third of it). A crashed node's
     *     partitions stand still this long; the brokers' {@code group.min.session.timeout.ms} (6 s by default) bounds it
     *     from below
     * @param transactionTimeout how long a crashed node's open transaction holds back what its partitions' readers may
     *     read before the coordinator aborts it ({@code transaction.timeout.ms}); the brokers look for such transactions
     *     every {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} (10 s by default). Must exceed the
     *     longest commit interval by far: a transaction that outlives it is aborted and its work redone
     */
    public record Streams(long commitIntervalMs, int lingerMs, String processingGuarantee, int standbyReplicas, int threads,
            String advertisedHostPort, Map<String, TopologyTuning> byTopology, Long cacheMaxBytes, Long pollMs,
            Duration sessionTimeout, Duration transactionTimeout) {
        public Streams {
            byTopology = byTopology == null ? Map.of() : Map.copyOf(byTopology);
            if (cacheMaxBytes != null && cacheMaxBytes < 0) {
                throw new IllegalArgumentException("bourse.streams.cache-max-bytes must not be negative, not " + cacheMaxBytes);
            }
        }

        /** The commit interval of {@code topology}: its own if set, else the node's. */
        public long commitIntervalMs(final String topology) {
            return own(topology, TopologyTuning::commitIntervalMs, commitIntervalMs);
        }

        /** How long a stream thread of {@code topology} waits in an empty poll: its own if set, else the node's. */
        public long pollMs(final String topology) {
            return own(topology, TopologyTuning::pollMs, pollMs);
        }

        /** The stream threads of {@code topology}: its own count if set, else the node's. */
        public int threads(final String topology) {
            return own(topology, TopologyTuning::threads, threads);
        }

        private <T> T own(final String topology, final Function<TopologyTuning, T> setting, final T node) {
            final TopologyTuning own = byTopology.get(topology);
            final T value = own == null ? null : setting.apply(own);
            return value == null ? node : value;
        }
    }

    /**
     * What one topology sets for itself; an unset (null) value takes the node's.
     *
     * @param commitIntervalMs the portfolio's sets how long an order waits for its verdict on average (half of it);
     *     matching's, with its {@code pollMs}, how long a verdict waits after matching has decided it
     * @param pollMs see {@link Streams#pollMs()}
     */
    public record TopologyTuning(Long commitIntervalMs, Integer threads, Long pollMs) {
    }

    /**
     * @param placeWait how long an order request waits for the exchange's verdict before answering 202
     * @param busyAfter a place is refused (503 {@code EXCHANGE_BUSY}, nothing sent) while another place this node is
     *     answering has waited longer than this for its answer; zero or unset turns the guard off
     */
    public record Orders(Duration placeWait, Duration busyAfter) {

        /** Whether the order path is further behind than {@link #busyAfter} allows. */
        public boolean busy(final Duration behind) {
            return busyAfter != null && !busyAfter.isZero() && behind.compareTo(busyAfter) > 0;
        }
    }

    /**
     * @param jwtSecret HMAC key for access tokens; a random one per start when empty (tokens then die with the node).
     *     A node joining a cluster refuses to start without one
     * @param initialAdminEmail the first admin of a cluster, registered at start when set (once: a repeat is refused as
     *     already registered); from {@code BOURSE_ADMIN_EMAIL}, never a published default
     * @param initialAdminPassword that admin's password, from {@code BOURSE_ADMIN_PASSWORD} or a mounted secret
     * @param allowDemoAccounts lets a node joining a cluster run the simulator, which seeds the demo trader and the admin
     *     with the passwords the README publishes: for throwaway test clusters only
     */
    public record Security(String jwtSecret, Duration accessTokenTtl, Duration refreshTokenTtl, String initialAdminEmail,
            String initialAdminPassword, boolean allowDemoAccounts) {
    }

    /** @param ordersPerSecond total rate of the simulator's bots */
    public record Simulator(boolean enabled, int ordersPerSecond, long seed) {
    }

    /**
     * @param provider {@code sandbox} or {@code razorpay}
     * @param webhookSecret the HMAC secret of webhooks
     * @param razorpay the Razorpay account, used when {@code provider} is {@code razorpay}
     */
    public record Payments(String provider, String webhookSecret, Razorpay razorpay) {
    }

    /**
     * @param keyId the API key id (public: the checkout needs it), from {@code BOURSE_RAZORPAY_KEY_ID}
     * @param keySecret the API key secret, from {@code BOURSE_RAZORPAY_KEY_SECRET}; never in the repository
     * @param baseUrl Razorpay's API ({@code https://api.razorpay.com}; tests point it at a local fake)
     * @param confirmPayments whether a captured payment's webhook is confirmed with the Payments API before it is recorded
     * @param payoutAccountNumber the RazorpayX business account withdrawals are paid from, from
     *     {@code BOURSE_RAZORPAYX_ACCOUNT_NUMBER}; without it every payout is refused and its reserve released
     * @param confirmPayouts whether a payout webhook is confirmed with RazorpayX's {@code GET /v1/payouts/{id}} before it
     *     settles anything
     */
    public record Razorpay(String keyId, String keySecret, String baseUrl, boolean confirmPayments, String payoutAccountNumber,
            boolean confirmPayouts) {
    }

    /** Exchange-wide default fees in basis points, for instruments that set none. */
    public record Fees(int makerBasisPoints, int takerBasisPoints) {
    }
}
