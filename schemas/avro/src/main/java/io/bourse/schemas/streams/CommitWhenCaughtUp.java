package io.bourse.schemas.streams;

import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits a stage's transaction once it has worked off a burst of input, instead of at its next
 * commit interval.
 *
 * <p>A stage that reads another exactly-once stage's output gets it in bursts: what a transaction
 * wrote becomes readable all at once, at its commit. Kafka Streams commits after the processing
 * pass in which the commit interval has run out, which for a burst is its first pass of a few
 * records; the rest of the burst then waited for the next commit that fell due, about a whole
 * interval of the stage upstream. This punctuator runs on wall-clock time every {@code poll.ms} of
 * the application and asks for a commit ({@link ProcessorContext#commit()}) when a whole period went
 * by with nothing processed after something was: the tail of a burst is committed one to two
 * periods after its last record. While input keeps coming it never asks, and it does not ask
 * either when the newest record of the burst is older than {@link #BEHIND} by the wall clock: the
 * stage, or one before it, is working off a backlog, a verdict is late by seconds anyway, and a
 * second commit per burst would take CPU from catching up. Such a stage commits at its interval.
 */
public final class CommitWhenCaughtUp implements Punctuator {

    /** How old a burst's newest record may be for its tail to be committed at once. */
    public static final Duration BEHIND = Duration.ofSeconds(1);

    private final ProcessorContext<?, ?> context;
    private boolean processedSinceLastLook;
    private boolean processedSinceLastAsk;
    private long newestTimestampMs;

    private CommitWhenCaughtUp(final ProcessorContext<?, ?> context) {
        this.context = context;
    }

    /** Schedules one for the processor whose {@code context} this is; call from its {@code init}. */
    public static CommitWhenCaughtUp schedule(final ProcessorContext<?, ?> context) {
        final CommitWhenCaughtUp commits = new CommitWhenCaughtUp(context);
        context.schedule(Duration.ofMillis(pollMs(context)), PunctuationType.WALL_CLOCK_TIME, commits);
        return commits;
    }

    /** To be called for every record the processor takes, with the record's timestamp. */
    public void processed(final long recordTimestampMs) {
        // Each burst is judged by its own newest record: one stamped in the future must not outlive its burst.
        newestTimestampMs = processedSinceLastAsk ? Math.max(newestTimestampMs, recordTimestampMs) : recordTimestampMs;
        processedSinceLastLook = true;
        processedSinceLastAsk = true;
    }

    @Override
    public void punctuate(final long wallClockMs) {
        if (processedSinceLastLook) {
            processedSinceLastLook = false;
        } else if (processedSinceLastAsk) {
            processedSinceLastAsk = false;
            if (wallClockMs - newestTimestampMs <= BEHIND.toMillis()) {
                context.commit();
            }
        }
    }

    private static long pollMs(final ProcessorContext<?, ?> context) {
        final Object configured = context.appConfigs().get(StreamsConfig.POLL_MS_CONFIG);
        return configured == null ? 100 : Math.max(1, Long.parseLong(String.valueOf(configured)));
    }
}
