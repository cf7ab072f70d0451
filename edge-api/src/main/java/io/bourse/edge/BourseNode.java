package io.bourse.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One Bourse node: the HTTP/WebSocket edge plus any subset of the three topologies. With no
 * {@code bourse.kafka.bootstrap-servers} it first starts the in-process broker and registry.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BourseNode {

    public static void main(final String[] args) {
        SpringApplication.run(BourseNode.class, args);
    }
}
