package io.bourse.schemas.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class CommitWhenCaughtUpTest {

    @Test
    void shouldAskForACommitOnlyOnceAWholePeriodPassedWithNothingProcessedAfterSomethingWas() {
        final MockProcessorContext<Object, Object> context = context("10");
        final CommitWhenCaughtUp commits = CommitWhenCaughtUp.schedule(context);
        final MockProcessorContext.CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
        assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(punctuator.getInterval()).isEqualTo(Duration.ofMillis(10));

        punctuator.getPunctuator().punctuate(0);
        assertThat(context.committed()).as("nothing processed yet").isFalse();

        // A burst: records keep coming between two looks, so it is not worked off yet.
        commits.processed(0);
        commits.processed(0);
        punctuator.getPunctuator().punctuate(10);
        assertThat(context.committed()).isFalse();
        commits.processed(0);
        punctuator.getPunctuator().punctuate(20);
        assertThat(context.committed()).isFalse();

        // A whole period with nothing new: the burst's tail is committed.
        punctuator.getPunctuator().punctuate(30);
        assertThat(context.committed()).isTrue();

        // Nothing processed since: no further commit is asked for.
        context.resetCommit();
        punctuator.getPunctuator().punctuate(40);
        punctuator.getPunctuator().punctuate(50);
        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldNeverAskWhileInputKeepsComingSoABusyStageCommitsAtItsInterval() {
        final MockProcessorContext<Object, Object> context = context("10");
        final CommitWhenCaughtUp commits = CommitWhenCaughtUp.schedule(context);
        final MockProcessorContext.CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

        for (int look = 0; look < 100; look++) {
            commits.processed(look * 10L);
            punctuator.getPunctuator().punctuate(look * 10L);
        }

        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldLeaveABurstToTheIntervalWhenItsNewestRecordIsOverASecondOldAsInABacklog() {
        final MockProcessorContext<Object, Object> context = context("10");
        final CommitWhenCaughtUp commits = CommitWhenCaughtUp.schedule(context);
        final MockProcessorContext.CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

        commits.processed(5_000);
        commits.processed(4_000);
        punctuator.getPunctuator().punctuate(6_010);
        punctuator.getPunctuator().punctuate(6_020);
        assertThat(context.committed()).as("1,020 ms behind").isFalse();

        commits.processed(6_000);
        punctuator.getPunctuator().punctuate(7_000);
        punctuator.getPunctuator().punctuate(7_000);
        assertThat(context.committed()).as("caught up again: 1,000 ms").isTrue();
    }

    @Test
    void shouldJudgeEachBurstByItsOwnNewestRecordSoAFutureStampedOneDoesNotOutliveItsBurst() {
        final MockProcessorContext<Object, Object> context = context("10");
        final CommitWhenCaughtUp commits = CommitWhenCaughtUp.schedule(context);
        final MockProcessorContext.CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

        commits.processed(Duration.ofDays(1).toMillis());
        punctuator.getPunctuator().punctuate(1_000);
        punctuator.getPunctuator().punctuate(1_010);
        assertThat(context.committed()).isTrue();

        context.resetCommit();
        commits.processed(1_000);
        punctuator.getPunctuator().punctuate(10_000);
        punctuator.getPunctuator().punctuate(10_010);
        assertThat(context.committed()).as("this burst is nine seconds behind").isFalse();
    }

    @Test
    void shouldLookEveryPollPeriodOfItsApplication() {
        final MockProcessorContext<Object, Object> context = context("25");
        CommitWhenCaughtUp.schedule(context);

        assertThat(context.scheduledPunctuators().get(0).getInterval()).isEqualTo(Duration.ofMillis(25));
    }

    private static MockProcessorContext<Object, Object> context(final String pollMs) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-when-caught-up");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        config.put(StreamsConfig.POLL_MS_CONFIG, pollMs);
        return new MockProcessorContext<>(config);
    }
}
