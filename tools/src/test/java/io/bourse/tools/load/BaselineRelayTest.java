package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay on a real in-process broker, exactly-once: a short run at a low rate, its records
 * counted through every stage and in the record budget. Counts and structure only, never speed.
 */
@Tag("broker")
class BaselineRelayTest {

    private static final long SEED = 28;

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(dataDir, 0, 0).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldCarryEveryRecordThroughThreeExactlyOnceStagesAndCountEachHopInTheBudget() throws Exception {
        System.out.println("seed " + SEED);
        final int rate = 20;
        final int seconds = 2;
        final LoadOptions options = LoadOptions.parse("--baseline=only", "--rates=" + rate, "--seconds=" + seconds, "--warmup=1",
                "--traders=3", "--seed=" + SEED, "--bootstrap=" + broker.bootstrapServers(), "--registry=http://localhost:1",
                "--commit-interval-ms=50", "--poll-ms=10", "--stream-threads=1", "--budget", "--label=relay-test",
                "--csv=" + dataDir.resolve("run.csv"));

        final List<BaselineRelay.RelayStep> steps = BaselineRelay.run(options);

        assertThat(steps).hasSize(1);
        final BaselineRelay.RelayStep step = steps.get(0);
        final long sent = (long) rate * seconds;
        assertThat(step.offeredPerSecond()).isEqualTo(rate);
        assertThat(step.sent()).isEqualTo(sent);
        assertThat(step.answered()).as("records out of stage 2").isEqualTo(sent);
        assertThat(step.settled()).as("records out of stage 3").isEqualTo(sent);
        assertThat(step.answer().getTotalCount()).isEqualTo(sent);
        assertThat(step.settle().getTotalCount()).isEqualTo(sent);
        assertThat(step.answer().getMinValue()).as("microseconds from the due time").isPositive();
        assertThat(step.reserve().getTotalCount()).as("records out of stage 1").isEqualTo(sent);
        // Each record leaves a stage after it left the one before, so every percentile of a later stage is at least an earlier's.
        for (final double percentile : new double[] {50, 90, 99, 100}) {
            assertThat(step.answer().getValueAtPercentile(percentile))
                    .isGreaterThanOrEqualTo(step.reserve().getValueAtPercentile(percentile));
            assertThat(step.settle().getValueAtPercentile(percentile))
                    .isGreaterThanOrEqualTo(step.answer().getValueAtPercentile(percentile));
        }
        // Whether it carried the rate is a matter of time (the drain's share of a 2 s step), which BaselineComparisonTest covers.
        assertThat(step.elapsedSeconds()).as("from the first due time until the last record settled").isGreaterThan(seconds - 1);

        final RecordBudget.Table budget = step.budget().orElseThrow();
        assertThat(budget.commands()).isEqualTo(sent);
        assertThat(budget.row(RelayNames.IN).records()).as("the generator's own records, warm-up left out").isEqualTo(sent);
        assertThat(budget.row(RelayNames.IN).markers()).as("the generator does not write in transactions").isZero();
        for (final String topic : List.of(RelayNames.MID, RelayNames.OUT, RelayNames.SETTLED)) {
            final RecordBudget.Row row = budget.row(topic);
            assertThat(row.records()).as("one record per hop on " + topic).isEqualTo(sent);
            assertThat(row.markers()).as("each exactly-once commit marks the partitions it wrote on " + topic).isPositive();
            assertThat(row.payloadBytes()).isPositive();
            assertThat(row.logBytes()).isGreaterThan(row.payloadBytes());
        }
        assertThat(budget.row("__consumer_offsets").records()).as("the stages commit their input offsets in the transaction").isPositive();
        assertThat(budget.total().records()).isGreaterThanOrEqualTo(4 * sent);

        final List<String> relayCsv = Files.readAllLines(dataDir.resolve("run-relay.csv"));
        assertThat(relayCsv).hasSize(2);
        assertThat(relayCsv.get(0)).startsWith("label,offered_per_s,answered_per_s,").contains(",relay1_p99_ms,", ",relay2_p99_ms,", ",relay3_p99_ms,",
                ",portfolio_commit_interval_ms,");
        assertThat(relayCsv.get(1).split(",", -1)).as("a value under every column").hasSameSizeAs(relayCsv.get(0).split(","));
        final List<String> budgetCsv = Files.readAllLines(dataDir.resolve("run-budget.csv"));
        assertThat(budgetCsv.get(0)).isEqualTo("label,offered_per_s,topic,records_per_record,markers_per_record,"
                + "payload_bytes_per_record,log_bytes_per_record");
        assertThat(budgetCsv).hasSize(1 + budget.rows().size() + 1).contains("relay-test-relay,20," + RelayNames.MID + ",1.000,"
                + String.format(Locale.ROOT, "%.3f", budget.row(RelayNames.MID).markers() / (double) sent) + ","
                + String.format(Locale.ROOT, "%.1f", budget.row(RelayNames.MID).payloadBytes() / (double) sent) + ","
                + String.format(Locale.ROOT, "%.1f", budget.row(RelayNames.MID).logBytes() / (double) sent));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("the relay cleans up after itself")
                    .doesNotContainAnyElementsOf(RelayNames.TOPICS);
        }
    }
}
