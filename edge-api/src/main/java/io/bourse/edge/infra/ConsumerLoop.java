package io.bourse.edge.infra;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer on a thread of its own, run in rounds until stopped: the lifecycle the edge's
 * followers and dispatchers share. {@link #start()} opens the consumer on the caller's thread (so a
 * topic that cannot be read fails the start), then a daemon thread runs {@link #round} again and again.
 * A round that throws is retried after the retry pause, from where the consumer stands, so a broker or
 * registry that is away for a while loses no record and never ends the loop. {@link #stop()} wakes the
 * consumer and the pause, and the thread closes the consumer on its way out.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public abstract class ConsumerLoop<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    private final String name;
    private final Duration retryPause;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<K, V> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param name the thread's name, which the logs use
     * @param retryPause how long to wait before the next round after one that failed
     */
    protected ConsumerLoop(final String name, final Duration retryPause) {
        this.name = name;
        this.retryPause = retryPause;
    }

    /** Creates the consumer and positions it (assigns and seeks, or subscribes); closes it before throwing. */
    protected abstract KafkaConsumer<K, V> open();

    /**
     * One round: usually a poll and what follows from its records.
     *
     * @return false to end the loop
     * @throws RuntimeException to be retried after the pause
     */
    protected abstract boolean round(KafkaConsumer<K, V> consumer) throws InterruptedException;

    /** Opens the consumer and starts the loop's thread. */
    public synchronized void start() {
        consumer = open();
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                try {
                    if (!round(consumer)) {
                        break;
                    }
                } catch (final WakeupException stopping) {
                    break;
                } catch (final RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    LOG.warn("{} cannot go on yet; retrying in {} ms: {}", name, retryPause.toMillis(), e.toString());
                    if (pause(retryPause)) {
                        break;
                    }
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (final RuntimeException e) {
                LOG.warn("{} did not close its consumer cleanly: {}", name, e.toString());
            }
        }
    }

    /** Waits {@code pause}, or less if the loop is stopped meanwhile; true when it was stopped. */
    protected final boolean pause(final Duration pause) throws InterruptedException {
        return stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The thread's name. */
    protected final String name() {
        return name;
    }

    /** Stops the loop and closes the consumer (on the loop's thread); waits a few seconds for it to end. */
    public synchronized void stop() {
        running = false;
        stopped.countDown();
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the loop runs: from {@link #start()} until it is stopped or ends. */
    public boolean isRunning() {
        return running;
    }
}
