package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RelayCpuTest {

    @Test
    void shouldCountTheRelayStagesThreadsAndTheirClientsButNotTheGenerators() {
        assertThat(RelayCpu.isRelays("bourse-relay-reserve-1f0c-StreamThread-1")).isTrue();
        assertThat(RelayCpu.isRelays("kafka-producer-network-thread | bourse-relay-settle-1f0c-StreamThread-2-producer")).isTrue();
        assertThat(RelayCpu.isRelays("bourse-relay-match-1f0c-StreamThread-1")).isTrue();
        assertThat(RelayCpu.isRelays("kafka-producer-network-thread | producer-1")).isFalse();
        assertThat(RelayCpu.isRelays("main")).isFalse();
    }

    @Test
    void shouldAddTheCpuOfARelayThreadThatWorks() throws InterruptedException {
        final CountDownLatch spun = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread busy = new Thread(() -> {
            final long until = System.nanoTime() + 200_000_000L;
            long x = 0;
            while (System.nanoTime() < until) {
                x += System.nanoTime() & 7;
            }
            spun.countDown();
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.println(x);
            }
        }, RelayNames.MATCH_APPLICATION_ID + "-test-StreamThread-1");
        final double before = RelayCpu.seconds();
        busy.start();
        try {
            spun.await();
            assertThat(RelayCpu.supported()).isTrue();
            assertThat(RelayCpu.seconds() - before).as("200 ms of wall-clock spinning, some of it on a CPU").isGreaterThan(0.02);
        } finally {
            release.countDown();
            busy.join();
        }
    }
}
