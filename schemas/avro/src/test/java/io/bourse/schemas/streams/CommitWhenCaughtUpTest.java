package io.bourse.schemas.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class CommitWhenCaughtUpTest {

    // A fresh processor for every test (JUnit makes a new instance each), its application polling every 10 ms.
    private final MockProcessorContext<Object, Object> context = context("10");
    private final CommitWhenCaughtUp commits = CommitWhenCaughtUp.schedule(context);
    private final MockProcessorContext.CapturedPunctuator scheduled = context.scheduledPunctuators().get(0);
    private final Punctuator punctuator = scheduled.getPunctuator();

    @Test
    void shouldAskForACommitOnlyOnceAWholePeriodPassedWithNothingProcessedAfterSomethingWas() {
        assertThat(scheduled.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(scheduled.getInterval()).isEqualTo(Duration.ofMillis(10));

        punctuator.punctuate(0);
        assertThat(context.committed()).as("nothing processed yet").isFalse();

        // A burst: records keep coming between two looks, so it is not worked off yet.
        commits.processed(0);
        commits.processed(0);
        punctuator.punctuate(10);
        assertThat(context.committed()).isFalse();
        commits.processed(0);
        punctuator.punctuate(20);
        assertThat(context.committed()).isFalse();

        // A whole period with nothing new: the burst's tail is committed.
        punctuator.punctuate(30);
        assertThat(context.committed()).isTrue();

        // Nothing processed since: no further commit is asked for.
        context.resetCommit();
        punctuator.punctuate(40);
        punctuator.punctuate(50);
        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldNeverAskWhileInputKeepsComingSoABusyStageCommitsAtItsInterval() {
        for (int look = 0; look < 100; look++) {
            commits.processed(look * 10L);
            punctuator.punctuate(look * 10L);
        }

        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldLeaveABurstToTheIntervalWhenItsNewestRecordIsOverASecondOldAsInABacklog() {
        commits.processed(5_000);
        commits.processed(4_000);
        punctuator.punctuate(6_010);
        punctuator.punctuate(6_020);
        assertThat(context.committed()).as("1,020 ms behind").isFalse();

        commits.processed(6_000);
        punctuator.punctuate(7_000);
        punctuator.punctuate(7_000);
        assertThat(context.committed()).as("caught up again: 1,000 ms").isTrue();
    }

    @Test
    void shouldJudgeEachBurstByItsOwnNewestRecordSoAFutureStampedOneDoesNotOutliveItsBurst() {
        commits.processed(Duration.ofDays(1).toMillis());
        punctuator.punctuate(1_000);
        punctuator.punctuate(1_010);
        assertThat(context.committed()).isTrue();

        context.resetCommit();
        commits.processed(1_000);
        punctuator.punctuate(10_000);
        punctuator.punctuate(10_010);
        assertThat(context.committed()).as("this burst is nine seconds behind").isFalse();
    }

    @Test
    void shouldLookEveryPollPeriodOfItsApplication() {
        final MockProcessorContext<Object, Object> slower = context("25");
        CommitWhenCaughtUp.schedule(slower);

        assertThat(slower.scheduledPunctuators().get(0).getInterval()).isEqualTo(Duration.ofMillis(25));
    }

    private static MockProcessorContext<Object, Object> context(final String pollMs) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-when-caught-up");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        config.put(StreamsConfig.POLL_MS_CONFIG, pollMs);
        return new MockProcessorContext<>(config);
    }
}
