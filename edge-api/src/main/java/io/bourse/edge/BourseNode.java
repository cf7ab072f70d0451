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

    /** {@code java -jar bourse-node.jar} runs a node; {@code ... audit [bootstrap] [registry]} audits the exchange. */
    public static void main(final String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("audit")) {
            io.bourse.edge.audit.AuditMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("loadgen")) {
            io.bourse.edge.load.LoadGenerator.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(BourseNode.class, args);
    }
}
