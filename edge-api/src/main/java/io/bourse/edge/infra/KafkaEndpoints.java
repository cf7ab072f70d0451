package io.bourse.edge.infra;

/** Where this node's Kafka clients connect: the configured cluster, or the embedded one. */
public record KafkaEndpoints(String bootstrapServers, String schemaRegistryUrl) {
}
