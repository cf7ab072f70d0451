package io.bourse.connectors;

/**
 * Names of the Kafka Connect cluster that runs the sink connectors in the cluster deployment
 * (docker-compose.yml): its group and the internal topics where it keeps connector configurations,
 * source offsets and statuses. The in-process worker is standalone and uses none of them.
 */
public final class ConnectCluster {

    public static final String GROUP_ID = "bourse-connect";
    public static final String CONFIG_TOPIC = "bourse-connect.configs";
    public static final String OFFSET_TOPIC = "bourse-connect.offsets";
    public static final String STATUS_TOPIC = "bourse-connect.status";

    private ConnectCluster() {
    }
}
