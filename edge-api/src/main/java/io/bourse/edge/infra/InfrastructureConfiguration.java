package io.bourse.edge.infra;

import io.bourse.edge.BourseProperties;
import io.bourse.schemas.cluster.TopicProvisioner;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the node to the Kafka cluster named by {@code bourse.kafka.bootstrap-servers} and makes
 * sure the catalogue's topics exist there. The launcher ({@code ./bourse run}) starts an embedded
 * broker and registry first and hands the node their {@link KafkaEndpoints}; a node started on its
 * own needs a cluster.
 */
@Configuration(proxyBeanMethods = false)
public class InfrastructureConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaEndpoints kafkaEndpoints(final BourseProperties properties) {
        if (properties.kafka().embedded()) {
            throw new IllegalStateException("No Kafka cluster: set BOURSE_BOOTSTRAP_SERVERS (bourse.kafka.bootstrap-servers) and "
                    + "BOURSE_SCHEMA_REGISTRY_URL, or start the embedded default with ./bourse run");
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
