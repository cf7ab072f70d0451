package io.bourse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SerializerBufferTest {

    @Test
    void keepsWhatWasWrittenAcrossGrowth() {
        final SpecificAvroSerializer.Buffer buffer = new SpecificAvroSerializer.Buffer();
        final byte[] large = new byte[SpecificAvroSerializer.Buffer.INITIAL_CAPACITY * 3 + 7];
        Arrays.fill(large, (byte) 7);
        buffer.write(1);
        buffer.write(large, 0, large.length);

        final byte[] written = buffer.toByteArray();
        assertThat(written).hasSize(large.length + 1);
        assertThat(written[0]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(written, 1, written.length)).isEqualTo(large);
    }

    @Test
    void aModerateBufferIsReusedAfterReset() {
        final SpecificAvroSerializer.Buffer buffer = new SpecificAvroSerializer.Buffer();
        buffer.write(new byte[4096], 0, 4096);
        final int grown = buffer.capacity();
        buffer.reset();

        assertThat(buffer.capacity()).isEqualTo(grown);
        assertThat(buffer.toByteArray()).isEmpty();
    }

    @Test
    void oneHugeRecordDoesNotPinItsSizeOnTheThread() {
        final SpecificAvroSerializer.Buffer buffer = new SpecificAvroSerializer.Buffer();
        final int huge = SpecificAvroSerializer.Buffer.RETAINED_CAPACITY * 4;
        buffer.write(new byte[huge], 0, huge);
        assertThat(buffer.capacity()).isGreaterThanOrEqualTo(huge);

        buffer.reset();

        assertThat(buffer.capacity()).isEqualTo(SpecificAvroSerializer.Buffer.INITIAL_CAPACITY);
        buffer.write(3);
        assertThat(buffer.toByteArray()).containsExactly(3);
    }
}
