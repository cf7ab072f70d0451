package io.bourse.marketdata.topology;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A processor's count of one kind of notable event (late trade, duplicate, sequence gap), exposed
 * as the Streams metrics {@code <event>-total} and {@code <event>-rate} in group
 * {@code stream-marketdata-metrics}, tagged with the task and processor.
 */
final class EventCounter implements AutoCloseable {

    static final String SCOPE = "marketdata";

    private final ProcessorContext<?, ?> context;
    private final Sensor sensor;

    EventCounter(final ProcessorContext<?, ?> context, final String processor, final String event) {
        this.context = context;
        this.sensor = context.metrics().addRateTotalSensor(SCOPE, context.taskId() + "." + processor, event,
                Sensor.RecordingLevel.INFO);
    }

    void record() {
        sensor.record();
    }

    @Override
    public void close() {
        context.metrics().removeSensor(sensor);
    }
}
