# syntax=docker/dockerfile:1
#
# Every image the cluster deployment (docker-compose.yml) builds from this repository, from one
# Maven build in a JDK 17 image:
#   connect            Confluent's Kafka Connect (with its stock AvroConverter) + Debezium's JDBC sink
#   analytics-migrate  runs the analytics database migrations (Flyway) and exits
#   node               a Bourse node (the default target)
#
# The node: the node application (edge-api, issue 7) does not exist yet. Until it does, the node
# image runs the launcher of the embedded module in external-cluster mode (BOURSE_BOOTSTRAP_SERVERS
# set): it joins the cluster, creates the catalogue's topics with replication factor
# BOURSE_REPLICATION_FACTOR and waits. When edge-api builds target/bourse-node.jar, build it here
# (-pl edge-api -am) and copy edge-api/target/bourse-node.jar instead: the two lines marked NODE-JAR.

ARG CONNECT_IMAGE=confluentinc/cp-kafka-connect:8.1.0

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -pl embedded,connectors -am package dependency:copy-dependencies \
        -DincludeScope=runtime -DexcludeGroupIds=io.zonky.test.postgres \
 && ./mvnw -B -ntp -f deploy/connect/pom.xml dependency:copy-dependencies -DoutputDirectory=target/plugin \
 && mkdir -p /out/node /out/analytics/lib /out/connect-plugin \
 && cp embedded/target/bourse-embedded-*-exec.jar /out/node/bourse-node.jar \
 && cp connectors/target/dependency/*.jar /out/analytics/lib/ \
 && cp connectors/target/bourse-connectors-*.jar /out/analytics/lib/ \
 && cp deploy/connect/target/plugin/*.jar /out/connect-plugin/
# NODE-JAR (1 of 2): later `-pl edge-api -am package` and `cp edge-api/target/bourse-node.jar /out/node/`.

FROM ${CONNECT_IMAGE} AS connect
COPY --from=build /out/connect-plugin/ /usr/share/confluent-hub-components/debezium-connector-jdbc/

FROM eclipse-temurin:17-jre AS analytics-migrate
COPY --from=build /out/analytics/lib/ /app/lib/
ENTRYPOINT ["java", "-Duser.timezone=UTC", "-cp", "/app/lib/*", "io.bourse.connectors.database.MigrateAnalyticsDatabase"]

FROM eclipse-temurin:17-jre AS node
# NODE-JAR (2 of 2): the jar copied by the build stage.
COPY --from=build /out/node/bourse-node.jar /app/bourse-node.jar
ENV BOURSE_DATA_DIR=/var/lib/bourse \
    JAVA_OPTS="-Xmx512m"
VOLUME /var/lib/bourse
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Duser.timezone=UTC -jar /app/bourse-node.jar"]
