package io.bourse.edge.infra;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the exactly-once transactions a crashed node left open, as soon as the node's membership of
 * the topology's consumer group has ended, instead of when the transaction coordinator times them out.
 *
 * <p>Why: under {@code exactly_once_v2} each stream thread writes through one producer whose
 * transactional id is {@code <application.id>-<process id>-<thread index>}. A node killed mid-commit
 * leaves that transaction open, and nothing else ever reuses its transactional id, so it stays open
 * until {@code transaction.timeout.ms} has passed and the coordinator aborts it. Until then every
 * partition it wrote holds back its {@code read_committed} readers at the transaction's first
 * offset: the next stages of the exchange, and the survivors' own outputs behind it (an order's
 * verdict waits on {@code orders.events}), whatever the rebalance has already moved.
 *
 * <p>When an application rebalances, this looks up the processes that are still members of its group
 * and fences ({@link Admin#fenceProducers}) the transactional ids of the application that have a
 * transaction ongoing and belong to no member: the coordinator bumps their epoch and aborts the open
 * transaction at once. Fencing is what exactly-once relies on against zombies anyway; a process that
 * was only slow and lost its membership is fenced at its next commit regardless, and rejoins.
 */
final class AbandonedTransactions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AbandonedTransactions.class);
    private static final Pattern PROCESS_ID =
            Pattern.compile("^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "bourse-abandoned-transactions");
        thread.setDaemon(true);
        return thread;
    });

    AbandonedTransactions(final Map<String, Object> adminConfig) {
        this.admin = Admin.create(adminConfig);
    }

    /**
     * Looks for, and aborts, the abandoned transactions of {@code applicationIds}, on this class's own thread. A crashed
     * node's sessions expire together in all its applications, so one application's rebalance is the moment to look
     * in all of them: an application whose stream thread is busy may notice its own rebalance a second later.
     */
    void check(final Collection<String> applicationIds) {
        final List<String> ids = List.copyOf(applicationIds);
        try {
            worker.execute(() -> {
                try {
                    abortAbandoned(ids);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (final Exception e) {
                    // The next rebalance looks again; until then the coordinator's timeout still ends the transactions.
                    LOG.warn("Could not look for the abandoned transactions of {}: {}", ids, e.toString());
                }
            });
        } catch (final RejectedExecutionException stopping) {
            // The node is stopping: nothing to look after any more.
        }
    }

    private void abortAbandoned(final List<String> applicationIds) throws Exception {
        final Map<String, Set<String>> live = new HashMap<>();
        final var described = admin.describeConsumerGroups(applicationIds).describedGroups();
        for (final String applicationId : applicationIds) {
            final ConsumerGroupDescription group;
            try {
                group = described.get(applicationId).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final ExecutionException e) {
                // Not formed yet (a node's first start) or its coordinator is moving: nothing to tell about it now.
                LOG.debug("Cannot describe the group of {}: {}", applicationId, e.getCause().toString());
                continue;
            }
            final List<Optional<String>> processes = group.members().stream().map(m -> processOf(applicationId, m.clientId()))
                    .toList();
            // A member whose client id does not name its process (a client.id of the operator's own?) may own any
            // transactional id of the application: none can be told abandoned.
            if (!processes.isEmpty() && processes.stream().allMatch(Optional::isPresent)) {
                live.put(applicationId, processes.stream().flatMap(Optional::stream).collect(Collectors.toSet()));
            }
        }
        if (live.isEmpty()) {
            return;
        }
        final List<String> ongoing = admin.listTransactions(new ListTransactionsOptions()
                        .filterStates(Set.of(TransactionState.ONGOING))).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream().map(TransactionListing::transactionalId).toList();
        final List<String> abandoned = live.entrySet().stream().flatMap(e -> abandoned(e.getKey(), e.getValue(), ongoing).stream())
                .sorted().toList();
        if (!abandoned.isEmpty()) {
            final long start = System.nanoTime();
            admin.fenceProducers(abandoned).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Aborted the open transactions of {}, left by processes no longer in their application's group ({} ms)",
                    abandoned, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /**
     * Of the transactional ids with a transaction ongoing, those of {@code applicationId}'s stream threads whose
     * process is not among {@code liveProcesses}.
     */
    static List<String> abandoned(final String applicationId, final Set<String> liveProcesses, final Collection<String> ongoing) {
        return ongoing.stream().filter(id -> processOf(applicationId, id).filter(p -> !liveProcesses.contains(p)).isPresent())
                .sorted().toList();
    }

    /**
     * The Kafka Streams process id in a client id ({@code <application.id>-<process id>-StreamThread-1-consumer}) or an
     * exactly-once transactional id ({@code <application.id>-<process id>-<thread index>}) of {@code applicationId}.
     */
    static Optional<String> processOf(final String applicationId, final String id) {
        if (id == null || !id.startsWith(applicationId + "-")) {
            return Optional.empty();
        }
        final Matcher matcher = PROCESS_ID.matcher(id.substring(applicationId.length() + 1));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
