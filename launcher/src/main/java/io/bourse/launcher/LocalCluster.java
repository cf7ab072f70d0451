package io.bourse.launcher;

import io.bourse.edge.BourseProperties;
import io.bourse.embedded.ClusterReplication;
import io.bourse.embedded.EmbeddedExtension;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.launcher.mail.EmbeddedMail;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * What the node needs around it on a developer's machine, started before the node's context is
 * refreshed: with no {@code bourse.kafka.bootstrap-servers}, the in-process KRaft broker and schema
 * registry (data under {@code <bourse.data-dir>/kafka}, ports {@code bourse.kafka.embedded-*-port}),
 * whose {@link KafkaEndpoints} the node then uses; and every {@link EmbeddedExtension} the
 * environment enables, such as the analytics database ({@code BOURSE_EMBEDDED_POSTGRES=true} or
 * {@code BOURSE_JDBC_URL}). With no SMTP server configured ({@code BOURSE_SMTP_HOST}), an in-process
 * one ({@link EmbeddedMail}, on {@code bourse.embedded-mail.port}, any free port by default) that the
 * node's dispatcher mails through and the demo's mail outbox reads; {@code bourse.embedded-mail.enabled=false}
 * leaves e-mail off instead. All of it is stopped after the node, newest first, when the context closes.
 */
public final class LocalCluster implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The bean the started parts are kept under; registered first, so destroyed last. */
    public static final String BEAN_NAME = "bourseLocalCluster";
    /** The bean the embedded mail server is registered as, when it runs. */
    public static final String MAIL_BEAN_NAME = "bourseEmbeddedMail";
    /** The property source that points the node's dispatcher at the embedded mail server. */
    static final String MAIL_PROPERTIES = "bourseEmbeddedMail";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

    private final Map<String, String> environment;

    /** Extensions read the process environment, as {@code ./bourse run} sets it. */
    public LocalCluster() {
        this(System.getenv());
    }

    /** @param environment what the extensions are enabled by (a map, so tests can pass their own) */
    public LocalCluster(final Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void initialize(final ConfigurableApplicationContext context) {
        final BourseProperties properties = Binder.get(context.getEnvironment()).bindOrCreate("bourse", BourseProperties.class);
        final Running running = new Running();
        final DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(BEAN_NAME, running);
        beans.registerDisposableBean(BEAN_NAME, running);
        try {
            final KafkaEndpoints cluster;
            final short replicationFactor;
            if (properties.kafka().embedded()) {
                final EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(
                        Path.of(properties.dataDir()).resolve("kafka"), properties.kafka().embeddedKafkaPort(),
                        properties.kafka().embeddedRegistryPort(), properties.kafka().partitions()).start();
                running.parts.push(infrastructure::stop);
                LOG.info("Embedded Kafka at {}, schema registry at {}", infrastructure.bootstrapServers(),
                        infrastructure.schemaRegistryUrl());
                warnAboutClusterSettings(properties);
                cluster = new KafkaEndpoints(infrastructure.bootstrapServers(), infrastructure.schemaRegistryUrl());
                replicationFactor = 1;
                // The node talks to this cluster; it finds the endpoints instead of making its own.
                beans.registerSingleton("kafkaEndpoints", cluster);
            } else {
                cluster = new KafkaEndpoints(properties.kafka().bootstrapServers(), properties.kafka().schemaRegistryUrl(),
                        properties.kafka().client(), properties.kafka().schemaRegistryUserInfo());
                try (Admin admin = Admin.create(cluster.clientConfig(Map.of()))) {
                    replicationFactor = ClusterReplication.of(admin, Topics.ALL.stream().map(Topic::name).toList(), null);
                }
            }
            final EmbeddedExtension.Context extensionContext = new EmbeddedExtension.Context(Path.of(properties.dataDir()),
                    cluster, replicationFactor, environment);
            for (final EmbeddedExtension extension : ServiceLoader.load(EmbeddedExtension.class)) {
                extension.start(extensionContext).ifPresent(started -> {
                    running.parts.push(started);
                    LOG.info("Started {}", started.summary());
                });
            }
            startMail(context, running);
        } catch (final RuntimeException e) {
            running.destroy();
            throw e;
        }
    }

    /**
     * Starts the embedded mail server unless an SMTP server is configured or it is switched off, and
     * points the dispatcher at it: above the node's own settings, below the command line's. SMS and
     * push go to the log unless {@code BOURSE_NOTIFY_LOG_SMS_PUSH} says otherwise.
     */
    private static void startMail(final ConfigurableApplicationContext context, final Running running) {
        final ConfigurableEnvironment environment = context.getEnvironment();
        final String configuredHost = environment.getProperty("bourse.notifications.smtp.host", "");
        if (!configuredHost.isBlank() || !environment.getProperty("bourse.embedded-mail.enabled", Boolean.class, true)) {
            return;
        }
        final EmbeddedMail mail = EmbeddedMail.start(environment.getProperty("bourse.embedded-mail.port", Integer.class, 0));
        running.parts.push(mail);
        final Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("bourse.notifications.smtp.host", "127.0.0.1");
        smtp.put("bourse.notifications.smtp.port", mail.port());
        smtp.put("bourse.notifications.smtp.from", EmbeddedMail.FROM);
        smtp.put("bourse.notifications.smtp.start-tls", false);
        smtp.put("bourse.notifications.smtp.username", "");
        smtp.put("bourse.notifications.smtp.password", "");
        smtp.put("bourse.notifications.log-sms-and-push", "${BOURSE_NOTIFY_LOG_SMS_PUSH:true}");
        final MutablePropertySources sources = environment.getPropertySources();
        final MapPropertySource source = new MapPropertySource(MAIL_PROPERTIES, smtp);
        if (sources.contains("commandLineArgs")) {
            sources.addAfter("commandLineArgs", source);
        } else {
            sources.addFirst(source);
        }
        context.getBeanFactory().registerSingleton(MAIL_BEAN_NAME, mail);
        LOG.info("E-mail goes to the {}; the web UI's mail outbox shows it", mail);
    }

    private static void warnAboutClusterSettings(final BourseProperties properties) {
        final String userInfo = properties.kafka().schemaRegistryUserInfo();
        if (!properties.kafka().client().isEmpty() || (userInfo != null && !userInfo.isBlank())) {
            LOG.warn("bourse.kafka.client settings {} and the schema registry's user info are for a configured cluster; "
                    + "the embedded broker and registry take plain connections and they are not used",
                    properties.kafka().client().keySet());
        }
    }

    /** The started parts, stopped newest first. */
    static final class Running implements DisposableBean {
        private final Deque<AutoCloseable> parts = new ArrayDeque<>();

        @Override
        public synchronized void destroy() {
            while (!parts.isEmpty()) {
                try {
                    parts.pop().close();
                } catch (final Exception e) {
                    LOG.warn("Error while stopping", e);
                }
            }
        }
    }
}
