package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.accounts.TokenRevocation;
import io.bourse.avro.accounts.TokenRevocationReason;
import io.bourse.edge.Http;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.testing.Ports;
import io.bourse.testing.broker.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.util.FileSystemUtils;

/**
 * Every start-up the README documents, run as it documents it: the repository's {@code ./bourse} script
 * as a subprocess, configured only through the documented {@code BOURSE_*} variables (a fresh data
 * directory in {@code BOURSE_DATA_DIR}, free ports in {@code BOURSE_HTTP_PORT}, {@code BOURSE_KAFKA_PORT},
 * {@code BOURSE_REGISTRY_PORT} and {@code BOURSE_POSTGRES_PORT}; every other {@code BOURSE_*} variable of
 * the calling environment is removed), each checked end to end from outside as a user would.
 * {@code BOURSE_SKIP_BUILD=true} is the one addition: the script would otherwise run Maven inside this
 * Maven build; failsafe runs this class after {@code package}, so the jars it would build are there.
 *
 * <p>To keep the build short, one exchange serves several checks. It is started as
 * {@code BOURSE_EMBEDDED_POSTGRES=true BOURSE_SIMULATOR=false ./bourse run}: the analytics start of the
 * README, with the simulator off as the README asks for {@code ./bourse loadgen}. That is the plain start
 * plus the analytics database, which is an extension started beside the same node: the plain start's
 * checks (health, the README's tour: the demo trader signs in and places the example order) hold for it
 * as they do without the database. The simulator's trading on the plain start is covered in-process by
 * {@link LauncherStartTest}. Then {@code ./bourse loadgen} offers a short load, its trades must all arrive
 * as rows in the embedded PostgreSQL (read with JDBC at the documented address: localhost, database
 * {@code bourse}, user {@code postgres}), {@code ./bourse audit} must find every invariant intact, and a
 * SIGTERM (what Ctrl-C does) must stop it within seconds. {@code ./bourse infra} runs on its own, before.
 *
 * <p>Each process's output goes to a log file in the test's directory, printed when a check fails; the
 * directory is kept when a test failed. Every process tree is killed at the end, whatever happened.
 */
@Tag("broker")
@Tag("database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentedStartsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STARTED_WITHIN = Duration.ofSeconds(240);
    /** The README: "Ctrl-C stops it within seconds" (NodeStopTest holds the node to ten). */
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(30);
    private static final Pattern ANSWERED = Pattern.compile("answered (\\d+) places");

    private static final List<Started> STARTED = new ArrayList<>();
    private static Path dir;
    private static boolean failed;
    private static Started exchange;
    private static int httpPort;
    private static int kafkaPort;
    private static int registryPort;
    private static int postgresPort;
    private static String demoOrderId;

    @RegisterExtension
    static final TestWatcher FAILURES = new TestWatcher() {
        @Override
        public void testFailed(final ExtensionContext context, final Throwable cause) {
            failed = true;
            STARTED.forEach(Started::printTail);
        }
    };

    @BeforeAll
    static void jarsAreBuilt() throws IOException {
        // Not an assumption: a missing jar means the build is wrong, and a skipped start-up would hide it.
        for (final String jar : List.of("launcher/target/bourse-launcher.jar", "tools/target/bourse-tools-exec.jar")) {
            assertThat(ROOT.resolve(jar)).as("%s: built by the package phase before this test (./mvnw -B -ntp verify "
                    + "-pl launcher -am builds it)", jar).isRegularFile();
        }
        assertThat(ROOT.resolve("bourse")).as("the repository's start script").isExecutable();
        dir = Files.createTempDirectory("bourse-documented-starts");
        System.out.println("DocumentedStartsIT: data and logs in " + dir);
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        for (final Started started : STARTED) {
            started.kill();
        }
        if (!failed && dir != null) {
            FileSystemUtils.deleteRecursively(dir.toFile());
        } else if (dir != null) {
            System.out.println("DocumentedStartsIT kept its data and the processes' logs in " + dir);
        }
    }

    /** {@code ./bourse infra}: a broker and a registry that a client can write Avro records through and read them back. */
    @Test
    @Order(1)
    void shouldGiveABrokerAndARegistryAClientCanUseOnInfra() throws Exception {
        final int infraKafka = Ports.free();
        final int infraRegistry = Ports.free();
        final Started infra = start("infra", Map.of("BOURSE_DATA_DIR", dir.resolve("infra-data").toString(),
                "BOURSE_KAFKA_PORT", Integer.toString(infraKafka), "BOURSE_REGISTRY_PORT", Integer.toString(infraRegistry)), "infra");
        infra.awaitOutput("Bourse embedded infrastructure is up", STARTED_WITHIN);
        final String bootstrap = "localhost:" + infraKafka;
        final String registry = "http://localhost:" + infraRegistry;
        assertThat(infra.output()).contains(bootstrap, registry);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).as("the catalogue's topics")
                    .contains(Topics.ORDERS_COMMANDS.name(), Topics.TRADES_EXECUTED.name());
        }
        // An Avro record through the catalogue's serdes: the serializer registers its schema, a separate
        // deserializer fetches it back from the registry by id.
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry);
        final TokenRevocation sent = TokenRevocation.newBuilder().setTokenId("documented-starts").setUserId("u-infra")
                .setReason(TokenRevocationReason.LOGOUT).setExpiresAtMs(Instant.ofEpochMilli(2_000_000_000_000L))
                .setRevokedAtMs(Instant.ofEpochMilli(1_900_000_000_000L)).build();
        try (KafkaProducer<String, TokenRevocation> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), Topics.AUTH_REVOCATIONS.keySerde().serializer(), Topics.AUTH_REVOCATIONS.valueSerde(serde).serializer())) {
            producer.send(new ProducerRecord<>(Topics.AUTH_REVOCATIONS.name(), "u-infra", sent)).get(30, TimeUnit.SECONDS);
        }
        final List<TokenRevocation> read = new ArrayList<>();
        TopicReader.readToEnd(bootstrap, Topics.AUTH_REVOCATIONS.name(), Topics.AUTH_REVOCATIONS.valueSerde(serde).deserializer(),
                r -> read.add(r.value()));
        assertThat(read).containsExactly(sent);

        infra.stop();
    }

    /**
     * The analytics start answers health, and the README's tour works on it: the seeded demo trader (a
     * registered, funded user) signs in, reads the depth and places the example order, which rests and
     * reserves cash.
     */
    @Test
    @Order(2)
    void shouldAnswerHealthAndTakeTheDemoTradersOrderOnTheAnalyticsStart() throws Exception {
        httpPort = Ports.free();
        kafkaPort = Ports.free();
        registryPort = Ports.free();
        postgresPort = Ports.free();
        exchange = start("run", exchangeEnvironment(Map.of("BOURSE_EMBEDDED_POSTGRES", "true", "BOURSE_SIMULATOR", "false",
                "BOURSE_POSTGRES_PORT", Integer.toString(postgresPort))), "run");
        exchange.awaitOutput("Bourse is up: http://localhost:" + httpPort + "/", STARTED_WITHIN);
        assertThat(exchange.output()).as("the analytics database's start-up line")
                .contains("Analytics database", "localhost:" + postgresPort + "/bourse");

        final Http http = new Http(httpPort);
        final Http.Response health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");

        final Http.Response login = http.post("/api/v1/auth/login",
                Map.of("email", "demo@bourse.local", "password", "demo-trader-2026"), null);
        assertThat(login.status()).isEqualTo(200);
        final String token = login.body().path("accessToken").asString();
        assertThat(http.get("/api/v1/market/RELIANCE/depth", null).status()).isEqualTo(200);
        final Http.Response order = http.postRaw("/api/v1/orders", Http.JSON.writeValueAsString(Map.of("symbol", "RELIANCE",
                "side", "BUY", "type", "LIMIT", "price", "2400.00", "quantity", 5)), token, Map.of("Idempotency-Key", "my-first-order"));
        assertThat(order.status()).as("the README's example order: %s", order.body()).isEqualTo(201);
        assertThat(order.body().path("status").asString()).isEqualTo("RESTING");
        demoOrderId = order.body().path("orderId").asString();
        // 5 × ₹2,400 and the taker fee at most: what the order holds back from the demo trader's cash.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/api/v1/portfolio/balances", token)
                .body().path("cash").path("reserved").asString()).isNotEqualTo("0.00"));
    }

    /** {@code ./bourse loadgen}, a short run of the documented kind, against the running exchange. */
    @Test
    @Order(3)
    void shouldOfferOrdersAndPrintTheFiguresWithLoadgen() throws Exception {
        requireExchange();
        final Started loadgen = start("loadgen", exchangeEnvironment(Map.of()), "loadgen", "--budget", "--rates=200", "--warmup=3",
                "--seconds=5", "--seed=20261206");
        assertThat(loadgen.awaitExit(Duration.ofSeconds(180))).as("loadgen's exit status").isZero();
        final String output = loadgen.output();
        final Matcher answered = ANSWERED.matcher(output);
        assertThat(answered.find()).as("loadgen's step line in:%n%s", output).isTrue();
        assertThat(Long.parseLong(answered.group(1))).as("places answered").isPositive();
        assertThat(output).contains("offered 200/s", "place -> verdict", "p99=", "record budget:");
        assertThat(output).as("the verdict's first stage measured apart").containsPattern("place -> reserved +n=[1-9]");
    }

    /** The analytics database: every trade the exchange made is a row of {@code trades}, and its orders are rows too. */
    @Test
    @Order(4)
    void shouldWriteEveryTradeAsARowOfTheEmbeddedPostgres() throws Exception {
        requireExchange();
        final String bootstrap = "localhost:" + kafkaPort;
        final AtomicLong trades = new AtomicLong();
        TopicReader.readToEnd(bootstrap, Topics.TRADES_EXECUTED.name(), new ByteArrayDeserializer(), r -> trades.incrementAndGet());
        assertThat(trades.get()).as("trades the load generator's orders made").isPositive();
        final String url = "jdbc:postgresql://localhost:" + postgresPort + "/bourse";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(count(url, "SELECT count(*) FROM trades")).as("rows of trades").isEqualTo(trades.get());
            assertThat(count(url, "SELECT count(*) FROM orders WHERE order_id = ? AND symbol = 'RELIANCE' AND limit_price_paise = 240000",
                    demoOrderId)).as("the demo trader's example order as a row of orders").isEqualTo(1);
        });
    }

    /** {@code ./bourse audit} against the running exchange finds every invariant intact. */
    @Test
    @Order(5)
    void shouldFindEveryInvariantHoldingWithAudit() throws Exception {
        requireExchange();
        final Started audit = start("audit", exchangeEnvironment(Map.of()), "audit");
        assertThat(audit.awaitExit(Duration.ofSeconds(120))).as("the audit's exit status").isZero();
        assertThat(audit.output()).contains("every invariant holds");
    }

    /** Ctrl-C (here SIGTERM, which takes the same shutdown path) stops the whole exchange within seconds. */
    @Test
    @Order(6)
    void shouldStopTheExchangeWithinSeconds() throws Exception {
        requireExchange();
        exchange.stop();
    }

    private static void requireExchange() {
        assertThat(exchange).as("the exchange of the analytics start (its test failed?)").isNotNull();
        assertThat(exchange.process.isAlive()).as("the exchange is running").isTrue();
    }

    /** The variables that point a command at the test's exchange, as a user would set them, and {@code more}. */
    private static Map<String, String> exchangeEnvironment(final Map<String, String> more) {
        final Map<String, String> env = new LinkedHashMap<>(Map.of("BOURSE_DATA_DIR", dir.resolve("exchange-data").toString(),
                "BOURSE_HTTP_PORT", Integer.toString(httpPort), "BOURSE_KAFKA_PORT", Integer.toString(kafkaPort),
                "BOURSE_REGISTRY_PORT", Integer.toString(registryPort)));
        env.putAll(more);
        return env;
    }

    private static long count(final String url, final String sql, final String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Runs {@code ./bourse args} from the repository's root with {@code env} as its only {@code BOURSE_*} variables. */
    private static Started start(final String name, final Map<String, String> env, final String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bourse").toString());
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("BOURSE_"));
        builder.environment().putAll(env);
        builder.environment().put("BOURSE_SKIP_BUILD", "true");
        final Path log = dir.resolve(name + ".log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        System.out.printf("DocumentedStartsIT: %s ./bourse %s%n", env, String.join(" ", args));
        final Started started = new Started(name, builder.start(), log);
        STARTED.add(started);
        return started;
    }

    /** One process started through the script, its output in a log file. */
    private static final class Started {
        private final String name;
        private final Process process;
        private final Path log;

        Started(final String name, final Process process, final Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void awaitOutput(final String text, final Duration within) {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    fail("./bourse %s exited with %d before printing '%s'", name, process.exitValue(), text);
                }
                return output().contains(text);
            });
        }

        /** Waits for the process to end by itself; kills it and fails if it does not within {@code within}. */
        int awaitExit(final Duration within) throws InterruptedException {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                fail("./bourse %s did not end within %s", name, within);
            }
            return process.exitValue();
        }

        /** SIGTERM, as Ctrl-C's shutdown path, and the process must end within {@link #STOPPED_WITHIN}. */
        void stop() throws InterruptedException {
            final long stopping = System.nanoTime();
            process.destroy();
            assertThat(process.waitFor(STOPPED_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
                    .as("./bourse %s stopped within %s of SIGTERM", name, STOPPED_WITHIN).isTrue();
            System.out.printf("DocumentedStartsIT: ./bourse %s stopped in %d ms%n", name, (System.nanoTime() - stopping) / 1_000_000);
        }

        /** Kills the process and everything it started. */
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void printTail() {
            final List<String> lines = output().lines().toList();
            System.out.printf("---- last lines of ./bourse %s (%s) ----%n", name, log);
            lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
        }
    }
}
