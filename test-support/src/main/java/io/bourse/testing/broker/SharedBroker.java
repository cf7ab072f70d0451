package io.bourse.testing.broker;

import io.bourse.testing.Tags;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs against the JVM's one shared in-process broker and schema registry, with the
 * catalogue's topics (see {@link SharedBrokerExtension}), and is tagged {@value Tags#BROKER}, so the
 * fast lane ({@code -Pfast}) leaves it out. Take the broker as a parameter of a {@code @BeforeAll},
 * {@code @BeforeEach} or test method: {@code static void start(EmbeddedInfrastructure infra)}.
 *
 * <p>Other test classes share the broker: use topics of your own (see
 * {@link SharedBrokerExtension#freshTopic}), or keys, ids and consumer groups no other class uses, and never
 * stop or restart it. A test of the broker's own lifecycle (a restart, a failover) starts its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(Tags.BROKER)
@ExtendWith(SharedBrokerExtension.class)
public @interface SharedBroker {
}
