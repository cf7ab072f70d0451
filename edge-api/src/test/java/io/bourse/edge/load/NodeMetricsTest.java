package io.bourse.edge.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeCpuTest {

    @Test
    void shouldReadTheNodesCpuSecondsFromItsPrometheusText() {
        final String exposition = """
                # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
                # TYPE process_cpu_usage gauge
                process_cpu_usage 0.71
                # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
                # TYPE process_cpu_time_ns_total counter
                process_cpu_time_ns_total 2.305E10
                system_cpu_count 2.0
                """;

        assertThat(NodeCpu.cpuSeconds(exposition)).hasValue(23.05);
    }

    @Test
    void shouldReportNothingWhenTheNodeDoesNotExposeItsCpuTime() {
        assertThat(NodeCpu.cpuSeconds("process_cpu_usage 0.71\nsystem_cpu_count 2.0\n")).isEmpty();
    }

    @Test
    void shouldReportNothingWhenNoNodeAnswers() {
        assertThat(new NodeCpu("http://localhost:1").seconds()).isEmpty();
    }

    @Test
    void shouldNameTheMachineItRunsOn() {
        assertThat(NodeCpu.machine()).startsWith("machine: " + Runtime.getRuntime().availableProcessors() + " cores, ")
                .contains("Java " + System.getProperty("java.version"));
    }
}
