package io.bourse.tools.load;

import io.bourse.schemas.streams.CommitWhenCaughtUp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The three stateless stages of the baseline relay, each one record in and one record out, keyed as
 * the order path keys its topics: user → symbol → user → user. A record's value is what the relay
 * needs and nothing else: when it fell due (this JVM's {@code nanoTime}), which step of the run
 * offered it, and its user, so stage 2 can key it by user again.
 */
final class RelayTopology {

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<byte[]> VALUES = Serdes.ByteArray();

    private RelayTopology() {
    }

    /** Stage 1: reads {@link RelayNames#IN} by user and writes {@link RelayNames#MID} by {@code symbol}. */
    static Topology reserve(final String symbol) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(RelayNames.IN, Consumed.with(KEYS, VALUES).withName(RelayNames.READ_IN))
                .map((user, value) -> KeyValue.pair(symbol, value), Named.as(RelayNames.KEY_BY_SYMBOL))
                .to(RelayNames.MID, Produced.with(KEYS, VALUES).withName(RelayNames.WRITE_MID));
        return builder.build();
    }

    /**
     * Stage 2: reads {@link RelayNames#MID} by symbol and writes {@link RelayNames#OUT} by the record's user. Like
     * matching, it commits once it has worked off a burst ({@link CommitWhenCaughtUp}).
     */
    static Topology match() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(RelayNames.MID, Consumed.with(KEYS, VALUES).withName(RelayNames.READ_MID))
                .process(KeyByUser::new, Named.as(RelayNames.KEY_BY_USER))
                .to(RelayNames.OUT, Produced.with(KEYS, VALUES).withName(RelayNames.WRITE_OUT));
        return builder.build();
    }

    /** Stage 2's one step: the record keyed by its user, committed as matching commits. */
    private static final class KeyByUser implements Processor<String, byte[], String, byte[]> {

        private ProcessorContext<String, byte[]> context;
        private CommitWhenCaughtUp commits;

        @Override
        public void init(final ProcessorContext<String, byte[]> processorContext) {
            context = processorContext;
            commits = CommitWhenCaughtUp.schedule(processorContext);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            commits.processed(record.timestamp());
            context.forward(record.withKey(user(record.value())));
        }
    }

    /** Stage 3: reads {@link RelayNames#OUT} and writes {@link RelayNames#SETTLED}, both by user. */
    static Topology settle() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(RelayNames.OUT, Consumed.with(KEYS, VALUES).withName(RelayNames.READ_OUT))
                .map(KeyValue::pair, Named.as(RelayNames.PASS_ON))
                .to(RelayNames.SETTLED, Produced.with(KEYS, VALUES).withName(RelayNames.WRITE_SETTLED));
        return builder.build();
    }

    /** A record's value: its due time, its step and its user. */
    static byte[] value(final long dueNanos, final int step, final String user) {
        final byte[] name = user.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + Integer.BYTES + name.length).putLong(dueNanos).putInt(step).put(name).array();
    }

    static long due(final byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    static int step(final byte[] value) {
        return ByteBuffer.wrap(value).getInt(Long.BYTES);
    }

    static String user(final byte[] value) {
        final int offset = Long.BYTES + Integer.BYTES;
        return new String(value, offset, value.length - offset, StandardCharsets.UTF_8);
    }
}
