package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

    private static final String PARALLEL_GC_NODE = """
            # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
            # TYPE process_cpu_usage gauge
            process_cpu_usage 0.71
            # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
            # TYPE process_cpu_time_ns_total counter
            process_cpu_time_ns_total 2.305E10
            # HELP jvm_gc_pause_seconds Time spent in GC pause
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count{action="end of major GC",cause="Ergonomics",gc="PS MarkSweep"} 2
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="Ergonomics",gc="PS MarkSweep"} 0.5
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="Allocation Failure",gc="PS Scavenge"} 40
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="Allocation Failure",gc="PS Scavenge"} 0.6
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="Metadata GC Threshold",gc="PS Scavenge"} 1
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="Metadata GC Threshold",gc="PS Scavenge"} 0.02
            # HELP jvm_gc_pause_seconds_max Time spent in GC pause
            # TYPE jvm_gc_pause_seconds_max gauge
            jvm_gc_pause_seconds_max{action="end of major GC",cause="Ergonomics",gc="PS MarkSweep"} 0.3
            system_cpu_count 2.0
            """;

    @Test
    void shouldReadTheNodesCpuSecondsFromItsPrometheusText() {
        assertThat(NodeMetrics.parse(PARALLEL_GC_NODE)).hasValueSatisfying(r -> assertThat(r.cpuSeconds()).isEqualTo(23.05));
    }

    @Test
    void shouldCountEveryCollectorPauseAndTellTheFullOnesApart() {
        final NodeMetrics.Reading reading = NodeMetrics.parse(PARALLEL_GC_NODE).orElseThrow();

        assertThat(reading.pauses()).isEqualTo(43);
        assertThat(reading.pauseSeconds()).isCloseTo(1.12, Offset.offset(1e-9));
        assertThat(reading.fullPauses()).isEqualTo(2);
        assertThat(reading.fullPauseSeconds()).isEqualTo(0.5);
    }

    @Test
    void shouldReportWhatHappenedBetweenTwoReadings() {
        final NodeMetrics.Reading before = new NodeMetrics.Reading(10.0, 40, 0.6, 1, 0.25);
        final NodeMetrics.Reading after = new NodeMetrics.Reading(25.0, 52, 1.0, 2, 0.55);

        final NodeMetrics.Reading step = after.since(before);

        assertThat(step.cpuSeconds()).isEqualTo(15.0);
        assertThat(step.pauses()).isEqualTo(12);
        assertThat(step.pauseSeconds()).isCloseTo(0.4, Offset.offset(1e-9));
        assertThat(step.fullPauses()).isEqualTo(1);
        assertThat(step.fullPauseSeconds()).isCloseTo(0.3, Offset.offset(1e-9));
    }

    @Test
    void shouldCountNoPausesWhereTheNodeHadNone() {
        assertThat(NodeMetrics.parse("process_cpu_time_ns_total 1.0E9\n")).hasValue(new NodeMetrics.Reading(1.0, 0, 0, 0, 0));
    }

    @Test
    void shouldReportNothingWhenTheNodeDoesNotExposeItsCpuTime() {
        assertThat(NodeMetrics.parse("process_cpu_usage 0.71\nsystem_cpu_count 2.0\n")).isEmpty();
    }

    @Test
    void shouldReportNothingWhenNoNodeAnswers() {
        assertThat(new NodeMetrics("http://localhost:1").read()).isEmpty();
    }

    @Test
    void shouldNameTheMachineItRunsOn() {
        assertThat(NodeMetrics.machine()).startsWith("machine: " + Runtime.getRuntime().availableProcessors() + " cores, ")
                .contains("Java " + System.getProperty("java.version"));
    }
}
