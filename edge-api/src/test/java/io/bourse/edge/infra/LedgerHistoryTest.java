package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.ledger.LedgerUnit;
import io.bourse.edge.api.ApiException;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.testing.broker.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account's ledger read back from the postings topic on a real broker: newest first through
 * other accounts' postings and timestamps out of order, committed postings only, and the latest
 * posting waited for while its transaction is open.
 */
@SharedBroker
class LedgerHistoryTest {

    private static final int PARTITIONS = 3;
    private static final AtomicInteger TOPICS = new AtomicInteger();
    /** In the past: a broker refuses timestamps more than an hour ahead. */
    private static final long START = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();

    private static EmbeddedInfrastructure infra;

    private String topic;
    private KafkaProducer<String, LedgerPosting> producer;
    private LedgerHistory history;
    /** Per account: its last sequence and the timestamp of its latest posting, as the portfolio's counters hold them. */
    private final Map<String, long[]> heads = new HashMap<>();
    /** Whether {@link #write} names each posting's predecessor, as the portfolio has done since the ledger is read from the topic. */
    private boolean chained = true;

    @BeforeAll
    static void start(final EmbeddedInfrastructure shared) {
        infra = shared;
    }

    @BeforeEach
    void newTopic() throws Exception {
        topic = "ledger-history-" + TOPICS.incrementAndGet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, infra.replicationFactor()))).all().get();
        }
        final KafkaEndpoints endpoints = new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl());
        final Serializer<LedgerPosting> values = Topics.PORTFOLIO_POSTINGS.valueSerde(endpoints.serdeConfig()).serializer();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-writer"), new StringSerializer(), values);
        producer.initTransactions();
        history = new LedgerHistory(endpoints, topic, Duration.ofMillis(800));
    }

    @AfterEach
    void close() {
        producer.close(Duration.ZERO);
        history.destroy();
    }

    @Test
    void shouldReadAnAccountsWholeLedgerNewestFirstThroughOtherAccountsAndTimestampsOutOfOrder() {
        final long seed = System.nanoTime();
        System.out.println("LedgerHistoryTest seed " + seed);
        final Random random = new Random(seed);
        final String alice = "user-alice";
        final List<String> neighbours = sharingPartitionWith(alice, 3);
        // An aborted posting first: what a failed transaction wrote is never read back.
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, null, START, alice, posting(alice, 1, 9, START, null)));
        producer.abortTransaction();

        long now = START;
        for (int i = 0; i < 300; i++) {
            producer.beginTransaction();
            for (int n = random.nextInt(4); n > 0; n--) {
                final String other = neighbours.get(random.nextInt(neighbours.size()));
                write(other, 1, now + random.nextInt(40)); // often later than the posting after it
            }
            // A fill settles with the timestamp of the order that took it: up to 30 ms in the past, or the same as the last.
            final long at = random.nextInt(5) == 0 ? heads.getOrDefault(alice, new long[] {0, now})[1]
                    : now - random.nextInt(30);
            write(alice, 1 + random.nextInt(3), at);
            producer.commitTransaction();
            now += random.nextInt(3);
        }
        final long last = heads.get(alice)[0];

        final List<LedgerEntry> all = fromHead(alice, 10_000);
        assertThat(all).extracting(LedgerEntry::getSequence)
                .containsExactlyElementsOf(LongStream.iterate(last, s -> s >= 1, s -> s - 1).boxed().toList());
        assertThat(all).allMatch(e -> e.getUserId().equals(alice));
        assertThat(fromHead(alice, 200)).extracting(LedgerEntry::getSequence)
                .containsExactlyElementsOf(all.subList(0, 200).stream().map(LedgerEntry::getSequence).toList());
        assertThat(fromHead(alice, 1)).extracting(LedgerEntry::getSequence).containsExactly(last);
    }

    @Test
    void shouldFindPostingsWrittenBeforeTheyWereChainedByReadingBackwards() {
        final String dana = "user-dana";
        final List<String> neighbours = sharingPartitionWith(dana, 2);
        chained = false;
        long now = START;
        for (int i = 0; i < 40; i++) {
            producer.beginTransaction();
            write(neighbours.get(i % 2), 1, now);
            for (int n = 0; n < 100; n++) {
                write(neighbours.get(n % 2), 1, now); // more than a chunk of others' postings between two of dana's
            }
            write(dana, 2, now);
            producer.commitTransaction();
            now += 10;
        }
        // An account untouched since: no timestamp in its counters, the whole ledger found backwards from the end.
        final long unchainedLast = heads.get(dana)[0];
        assertThat(history.latest(dana, unchainedLast, null, 1_000)).extracting(LedgerEntry::getSequence)
                .containsExactlyElementsOf(LongStream.iterate(unchainedLast, s -> s >= 1, s -> s - 1).boxed().toList());

        // Then this version's postings: the first names no predecessor (the counters had no timestamp), the next
        // does. The walk goes by time, and backwards where the chain begins.
        writeCommitted(dana, 1, now);
        chained = true;
        writeCommitted(dana, 1, now + 1);
        final long last = heads.get(dana)[0];

        assertThat(fromHead(dana, 1_000)).extracting(LedgerEntry::getSequence)
                .containsExactlyElementsOf(LongStream.iterate(last, s -> s >= 1, s -> s - 1).boxed().toList());
    }

    @Test
    void shouldReturnNothingForAnAccountWithoutPostings() {
        assertThat(history.latest("user-nobody", 0, null, 50)).isEmpty();
    }

    @Test
    void shouldWaitForTheLatestPostingWhileItsTransactionIsOpen() {
        final String bob = "user-bob";
        writeCommitted(bob, 2, START);
        producer.beginTransaction();
        write(bob, 1, START + 5);
        producer.flush();

        final CompletableFuture<List<LedgerEntry>> read = CompletableFuture.supplyAsync(() -> fromHead(bob, 50));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !read.isDone());
        producer.commitTransaction();

        assertThat(read.join()).extracting(LedgerEntry::getSequence).containsExactly(3L, 2L, 1L);
    }

    @Test
    void shouldAnswerUnavailableWhenTheLatestPostingIsNeverCommitted() {
        final String carol = "user-carol";
        writeCommitted(carol, 1, START);
        producer.beginTransaction();
        write(carol, 1, START + 5);
        producer.abortTransaction();

        assertThatThrownBy(() -> fromHead(carol, 50))
                .isInstanceOf(ApiException.class).hasMessageContaining("retry");
        // The older, committed part is there for a head that points at it.
        assertThat(history.latest(carol, 1, START, 50)).extracting(LedgerEntry::getSequence).containsExactly(1L);
    }

    /** The account's latest {@code limit} entries, read from the head its counters would hold. */
    private List<LedgerEntry> fromHead(final String userId, final int limit) {
        return history.latest(userId, heads.get(userId)[0], heads.get(userId)[1], limit);
    }

    /** {@link #write} in a transaction of its own, committed. */
    private void writeCommitted(final String userId, final int entries, final long timestamp) {
        producer.beginTransaction();
        write(userId, entries, timestamp);
        producer.commitTransaction();
    }

    /** Appends the account's next posting of {@code entries} entries at {@code timestamp}, chained as the portfolio chains them. */
    private void write(final String userId, final int entries, final long timestamp) {
        final long[] head = heads.get(userId);
        final long first = head == null ? 1 : head[0] + 1;
        final Long previous = head == null || !chained ? null : head[1];
        producer.send(new ProducerRecord<>(topic, null, timestamp, userId,
                posting(userId, first, first + entries - 1, timestamp, previous)));
        heads.put(userId, new long[] {first + entries - 1, timestamp});
    }

    private static LedgerPosting posting(final String userId, final long first, final long last, final long timestamp,
            final Long previous) {
        final List<LedgerEntry> entries = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            entries.add(LedgerEntry.newBuilder().setEntryId(userId + "-L" + s).setSequence(s).setUserId(userId).setAsset("INR")
                    .setUnit(LedgerUnit.PAISE).setAvailableDelta(s).setReservedDelta(0).setAvailableAfter(s).setReservedAfter(0)
                    .setReason(LedgerReason.DEPOSIT).setOrderId(null).setTradeId(null).setPaymentId(null)
                    .setTimestampMs(Instant.ofEpochMilli(timestamp)).build());
        }
        return new LedgerPosting(userId, entries, previous);
    }

    private static List<String> sharingPartitionWith(final String userId, final int count) {
        final int partition = partitionOf(userId);
        final List<String> found = new ArrayList<>();
        for (int i = 0; found.size() < count; i++) {
            if (partitionOf("user-" + i) == partition) {
                found.add("user-" + i);
            }
        }
        return found;
    }

    private static int partitionOf(final String userId) {
        return BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), PARTITIONS);
    }
}
