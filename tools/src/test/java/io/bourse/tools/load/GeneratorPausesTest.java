package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratorPausesTest {

    @Test
    void shouldCountTheStopTheWorldCollectorsOfEveryJdkCollector() {
        assertThat(GeneratorPauses.stopsTheWorld("PS Scavenge")).isTrue();
        assertThat(GeneratorPauses.stopsTheWorld("PS MarkSweep")).isTrue();
        assertThat(GeneratorPauses.stopsTheWorld("G1 Young Generation")).isTrue();
        assertThat(GeneratorPauses.stopsTheWorld("G1 Old Generation")).isTrue();
        assertThat(GeneratorPauses.stopsTheWorld("Copy")).isTrue();
        assertThat(GeneratorPauses.stopsTheWorld("ZGC Pauses")).isTrue();
        assertThat(GeneratorPauses.stopsTheWorld("Shenandoah Pauses")).isTrue();
    }

    @Test
    void shouldLeaveOutCyclesThatRunBesideTheApplication() {
        assertThat(GeneratorPauses.stopsTheWorld("ZGC Cycles")).isFalse();
        assertThat(GeneratorPauses.stopsTheWorld("Shenandoah Cycles")).isFalse();
        assertThat(GeneratorPauses.stopsTheWorld("G1 Concurrent GC")).isFalse();
    }

    @Test
    void shouldSeeACollectionOfThisJvm() {
        final GeneratorPauses.Reading before = GeneratorPauses.read();

        System.gc();
        final GeneratorPauses.Reading during = GeneratorPauses.read().since(before);

        assertThat(during.pauses()).isPositive();
        assertThat(during.pauseSeconds()).isNotNegative();
    }
}
