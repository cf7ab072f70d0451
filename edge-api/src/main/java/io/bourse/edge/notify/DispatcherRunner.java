package io.bourse.edge.notify;

import io.bourse.notifications.dispatch.DispatcherConfig;
import io.bourse.notifications.dispatch.NotificationDispatcher;
import io.bourse.notifications.dispatch.channels.Channels;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the notification dispatcher in the node, after the topologies have started and before the edge stops. */
@Component
public class DispatcherRunner implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherRunner.class);

    private final NotificationProperties properties;
    private final KafkaEndpoints endpoints;
    private final MeterRegistry registry;
    private final Clock clock;
    private volatile NotificationDispatcher dispatcher;

    public DispatcherRunner(final NotificationProperties properties, final KafkaEndpoints endpoints, final MeterRegistry registry,
            final Clock clock) {
        this.properties = properties;
        this.endpoints = endpoints;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!properties.dispatcherEnabled()) {
            LOG.info("The notification dispatcher does not run on this node (bourse.notifications.dispatcher-enabled=false)");
            return;
        }
        final DispatcherConfig config = properties.dispatcher();
        dispatcher = new NotificationDispatcher(endpoints, config, Channels.from(config), registry, clock).start();
    }

    @Override
    public synchronized void stop() {
        if (dispatcher != null) {
            dispatcher.close();
            dispatcher = null;
        }
    }

    @Override
    public boolean isRunning() {
        return dispatcher != null;
    }

    /** After the topologies (phase 0). */
    @Override
    public int getPhase() {
        return 10;
    }
}
