# syntax=docker/dockerfile:1
#
# Every image the cluster deployment (docker-compose.yml) builds from this repository, from one
# Maven build in a JDK 17 image:
#   connect            Confluent's Kafka Connect (with its stock AvroConverter) + Debezium's JDBC sink, and
#                      Bourse's row-splitting wrapper of it for the ledger (io.bourse.connectors.sink)
#   analytics-migrate  runs the analytics database migrations (Flyway) and exits
#   node               a Bourse node (the default target)
#
# The node image runs edge-api's bourse-node.jar, the production node: Kafka clients only, it joins
# the cluster BOURSE_BOOTSTRAP_SERVERS names (the embedded default is the launcher's, never an image).

ARG CONNECT_IMAGE=confluentinc/cp-kafka-connect:8.1.0

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -pl edge-api,connectors -am package dependency:copy-dependencies \
        -DincludeScope=runtime -DexcludeGroupIds=io.zonky.test.postgres \
 && ./mvnw -B -ntp -f deploy/connect/pom.xml dependency:copy-dependencies -DoutputDirectory=target/plugin \
 && mkdir -p /out/node /out/analytics/lib /out/connect-plugin \
 && cp edge-api/target/bourse-node.jar /out/node/bourse-node.jar \
 && cp connectors/target/dependency/*.jar /out/analytics/lib/ \
 && cp connectors/target/bourse-connectors-*.jar /out/analytics/lib/ \
 && cp deploy/connect/target/plugin/*.jar /out/connect-plugin/ \
 && cp connectors/target/bourse-connectors-*-SNAPSHOT.jar /out/connect-plugin/

FROM ${CONNECT_IMAGE} AS connect
COPY --from=build /out/connect-plugin/ /usr/share/confluent-hub-components/debezium-connector-jdbc/

FROM eclipse-temurin:17-jre AS analytics-migrate
COPY --from=build /out/analytics/lib/ /app/lib/
ENTRYPOINT ["java", "-Duser.timezone=UTC", "-cp", "/app/lib/*", "io.bourse.connectors.database.MigrateAnalyticsDatabase"]

FROM eclipse-temurin:17-jre AS node
COPY --from=build /out/node/bourse-node.jar /app/bourse-node.jar
# The parallel collector, as ./bourse run: it costs less CPU per order than G1, the JVM's choice on
# two or more CPUs, and pays with a full collection of a few hundred ms every few minutes under
# load (docs/benchmarks.md). Set JAVA_OPTS="-Xmx512m -XX:+UseG1GC" to keep pauses shorter instead.
ENV BOURSE_DATA_DIR=/var/lib/bourse \
    JAVA_OPTS="-Xmx512m -XX:+UseParallelGC"
VOLUME /var/lib/bourse
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Duser.timezone=UTC -Dbourse.streams.advertised-host-port=${BOURSE_ADVERTISED_HOST_PORT:-$(hostname):8080} -jar /app/bourse-node.jar"]
