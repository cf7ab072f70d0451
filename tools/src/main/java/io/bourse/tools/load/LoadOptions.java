package io.bourse.tools.load;

import io.bourse.schemas.cluster.KafkaEndpoints;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a load run does, from {@code --name=value} arguments. Two leading bare numbers are read as
 * the rate and the duration, so {@code loadgen 1000 20} still works.
 *
 * @param mode {@code kafka} writes commands straight into {@code orders.commands}; {@code rest} places and
 *     cancels through the HTTP API as signed-in traders
 * @param rates offered orders per second, one measured step per rate (places and cancels together)
 * @param seconds how long each step is measured
 * @param warmupSeconds how long the first step runs unmeasured first (the JIT compiles the whole path then);
 *     later steps settle for a fifth of it
 * @param cancelShare the share of offered commands that cancel one of the generator's resting orders
 * @param traders how many traders place the orders; by default 20, and in REST mode enough that each
 *     stays at 25 requests/s or less, half the default per-user rate limit
 * @param label names the node's configuration in the CSV (e.g. {@code eos-100ms})
 * @param csv a file to append one row per step to, or {@code null}
 * @param baseline whether the run also measures the bare Kafka Streams relay ({@link BaselineRelay}), alone or first
 * @param streams the node's Kafka Streams settings, which the relay runs with
 * @param budget whether each measured step counts records and bytes per command on every topic ({@link RecordBudget})
 */
public record LoadOptions(String mode, List<Integer> rates, int seconds, int warmupSeconds, double cancelShare, int traders,
        String bootstrap, String registry, String http, String adminEmail, String adminPassword, long seed, String label, String csv,
        BaselineRelay.Mode baseline, StreamsSettings streams, boolean budget) {

    /** What {@code loadgen --help} prints. */
    public static final String USAGE = """
            usage: loadgen [rate [seconds]] [--name=value ...]
              --mode=kafka|rest       write into orders.commands (default) or go through the HTTP API
              --rates=500,1000        offered commands/s, one measured step each (--rate= for one)
              --seconds=20            measured seconds per step
              --warmup=20             unmeasured seconds before the first step (later steps settle a fifth of it)
              --cancel-share=0.1      share of commands that cancel a resting order
              --traders=N             traders placing orders (20; in REST mode enough for 25 requests/s each)
              --seed=N                the random seed (printed on every run)
              --label=NAME --csv=FILE append one row per step to FILE under NAME
              --bootstrap=localhost:9092 --registry=http://localhost:8081 --http=http://localhost:8080
              --admin-email=... --admin-password=...
              --baseline[=both|only]  also run a bare Kafka Streams relay of the order path's shape at the same rates
                                      and print it beside the exchange (both), or run the relay alone (only)
              --processing-guarantee=exactly_once_v2 --commit-interval-ms=100 --linger-ms=5 --stream-threads=1
              --poll-ms=100           the node's Kafka Streams settings, which the relay copies (the node's defaults);
              --portfolio-commit-interval-ms=N --matching-commit-interval-ms=N --portfolio-poll-ms=N
              --matching-poll-ms=N    a topology's own, as by-topology (the node's: matching polls every 10 ms)
              --budget                count records, transaction markers and bytes per command on every topic""";

    private static final Set<String> KNOWN = Stream.concat(Stream.of("mode", "rate", "rates", "seconds", "warmup", "cancel-share",
            "traders", "bootstrap", "registry", "http", "admin-email", "admin-password", "seed", "label", "csv", "baseline", "budget"),
            StreamsSettings.OPTIONS.stream()).collect(Collectors.toUnmodifiableSet());
    /** Options that may stand alone, as {@code --budget}: they mean their default value when on. */
    private static final Set<String> FLAGS = Set.of("baseline", "budget");

    public static LoadOptions parse(final String... args) {
        final Map<String, String> named = new HashMap<>();
        int positional = 0;
        for (final String arg : args) {
            if (arg.startsWith("--") && FLAGS.contains(arg.substring(2))) {
                named.put(arg.substring(2), "");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                final String name = arg.substring(2, arg.indexOf('='));
                if (!KNOWN.contains(name)) {
                    throw new IllegalArgumentException("Unknown option --" + name + "; known: " + KNOWN);
                }
                named.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (positional < 2) {
                named.putIfAbsent(positional++ == 0 ? "rates" : "seconds", arg);
            } else {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': use --name=value");
            }
        }
        final String mode = named.getOrDefault("mode", "kafka");
        if (!mode.equals("kafka") && !mode.equals("rest")) {
            throw new IllegalArgumentException("--mode is kafka or rest, not " + mode);
        }
        final List<Integer> rates = Arrays.stream(named.getOrDefault("rates", named.getOrDefault("rate", "1000")).split(","))
                .map(String::trim).map(r -> number("rates", r)).toList();
        if (rates.stream().anyMatch(r -> r <= 0)) {
            throw new IllegalArgumentException("Rates are positive orders per second");
        }
        final double cancelShare = Double.parseDouble(named.getOrDefault("cancel-share", "0.1"));
        if (cancelShare < 0 || cancelShare >= 1) {
            throw new IllegalArgumentException("--cancel-share is at least 0 and below 1");
        }
        final int fastest = rates.stream().mapToInt(Integer::intValue).max().orElseThrow();
        final int traders = number("traders", named.getOrDefault("traders",
                String.valueOf(mode.equals("rest") ? Math.max(20, (fastest + 24) / 25) : 20)));
        if (traders <= 0) {
            throw new IllegalArgumentException("--traders is positive");
        }
        return new LoadOptions(mode, rates, number("seconds", named.getOrDefault("seconds", "20")),
                number("warmup", named.getOrDefault("warmup", "20")), cancelShare, traders,
                named.getOrDefault("bootstrap", "localhost:9092"), named.getOrDefault("registry", "http://localhost:8081"),
                named.getOrDefault("http", "http://localhost:8080"), named.getOrDefault("admin-email", "admin@bourse.local"),
                named.getOrDefault("admin-password", "bourse-admin-2026"),
                Long.parseLong(named.getOrDefault("seed", String.valueOf(System.nanoTime()))), named.getOrDefault("label", mode),
                named.get("csv"), BaselineRelay.Mode.parse(named.getOrDefault("baseline", "off")), StreamsSettings.from(named),
                flag("budget", named.getOrDefault("budget", "false")));
    }

    /**
     * The cluster the generator and its relay write to and read from, with the client settings of this
     * process's environment ({@code BOURSE_KAFKA_CLIENT_*}, {@code BOURSE_SCHEMA_REGISTRY_USER_INFO}),
     * read as a node and the audit read them: a secured cluster's settings reach every client of the run.
     */
    public KafkaEndpoints cluster() {
        return KafkaEndpoints.fromEnvironment(bootstrap, registry, System.getenv());
    }

    private static boolean flag(final String option, final String value) {
        return switch (value) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + option + " is on or off (true or false), not '" + value + "'");
        };
    }

    private static int number(final String option, final String value) {
        try {
            return Integer.parseInt(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " takes a whole number, not '" + value + "'");
        }
    }
}
