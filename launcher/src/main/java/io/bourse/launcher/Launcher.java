package io.bourse.launcher;

import io.bourse.edge.BourseNode;
import io.bourse.embedded.EmbeddedMain;
import java.util.Arrays;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-command start behind {@code ./bourse run}: the {@link LocalCluster} (the embedded broker and
 * registry, and the analytics database when asked for), then a node with the {@link DemoExchange}
 * (seeding and the market simulator), in one JVM. Ctrl-C or SIGTERM stops the node, then the rest.
 * {@code infra} starts only the broker and registry ({@link EmbeddedMain}). Settings are the node's
 * ({@code BOURSE_*}, {@code --bourse.*=...}); with {@code BOURSE_BOOTSTRAP_SERVERS} set, the node and
 * the simulator join that cluster instead.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(final String[] args) throws Exception {
        // A Connect worker needs a JVM in UTC (EmbeddedConnectWorker.requireUtc); the node does not mind.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        if (args.length > 0 && args[0].equals("infra")) {
            EmbeddedMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        start(args.length > 0 && args[0].equals("run") ? Arrays.copyOfRange(args, 1, args.length) : args);
    }

    /** Starts the exchange with {@code args} as Spring arguments ({@code --bourse.data-dir=...}); closing it stops all. */
    public static ConfigurableApplicationContext start(final String... args) {
        final SpringApplication application = new SpringApplication(BourseNode.class, DemoExchange.class);
        application.addInitializers(new LocalCluster());
        return application.run(args);
    }
}
