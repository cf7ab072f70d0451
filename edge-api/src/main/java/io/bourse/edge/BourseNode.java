package io.bourse.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One Bourse node: the HTTP/WebSocket edge plus any subset of the three topologies, joining the
 * Kafka cluster named by {@code bourse.kafka.bootstrap-servers}. The embedded default
 * ({@code ./bourse run}) is the launcher module, which runs a node like this one in its JVM.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BourseNode {

    /** {@code java -jar bourse-node.jar} runs a node. */
    public static void main(final String[] args) {
        SpringApplication.run(BourseNode.class, args);
    }
}
