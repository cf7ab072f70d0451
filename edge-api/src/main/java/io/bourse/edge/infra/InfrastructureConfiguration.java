package io.bourse.edge.infra;

import io.bourse.edge.BourseProperties;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.embedded.TopicProvisioner;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the node to Kafka. With no bootstrap servers configured it starts the embedded broker
 * and schema registry (data under {@code bourse.data-dir}) before anything else, and stops them
 * after everything else. Either way the catalogue's topics exist afterwards.
 */
@Configuration(proxyBeanMethods = false)
public class InfrastructureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureConfiguration.class);

    /** Holds the embedded infrastructure, if any, so that it is stopped last. */
    public static final class Embedded implements AutoCloseable {
        private final EmbeddedInfrastructure infrastructure;

        Embedded(final EmbeddedInfrastructure infrastructure) {
            this.infrastructure = infrastructure;
        }

        @Override
        public void close() {
            if (infrastructure != null) {
                infrastructure.stop();
            }
        }
    }

    @Bean(destroyMethod = "close")
    Embedded embeddedInfrastructure(final BourseProperties properties) {
        if (!properties.kafka().embedded()) {
            return new Embedded(null);
        }
        final EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(
                Path.of(properties.dataDir()).resolve("kafka"), properties.kafka().embeddedKafkaPort(),
                properties.kafka().embeddedRegistryPort(), properties.kafka().partitions()).start();
        LOG.info("Embedded Kafka at {}, schema registry at {}", infrastructure.bootstrapServers(), infrastructure.schemaRegistryUrl());
        return new Embedded(infrastructure);
    }

    @Bean
    KafkaEndpoints kafkaEndpoints(final BourseProperties properties, final Embedded embedded) {
        if (embedded.infrastructure != null) {
            final String userInfo = properties.kafka().schemaRegistryUserInfo();
            if (!properties.kafka().client().isEmpty() || (userInfo != null && !userInfo.isBlank())) {
                LOG.warn("bourse.kafka.client settings {} and the schema registry's user info are for a configured cluster; "
                        + "the embedded broker and registry take plain connections and they are not used",
                        properties.kafka().client().keySet());
            }
            return new KafkaEndpoints(embedded.infrastructure.bootstrapServers(), embedded.infrastructure.schemaRegistryUrl());
        }
        final KafkaEndpoints endpoints = new KafkaEndpoints(properties.kafka().bootstrapServers(),
                properties.kafka().schemaRegistryUrl(), properties.kafka().client(), properties.kafka().schemaRegistryUserInfo());
        try (Admin admin = Admin.create(endpoints.clientConfig(Map.of()))) {
            final short replication = (short) Math.min(3, admin.describeCluster().nodes().get().size());
            new TopicProvisioner(admin, replication, properties.kafka().partitions()).ensure(Topics.ALL);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot reach Kafka at " + endpoints.bootstrapServers(), e);
        }
        return endpoints;
    }
}
