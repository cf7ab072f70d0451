package io.bourse.notifications.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The offsets of {@code notifications} handed to the channel workers, per partition, and how far each
 * partition may be committed: up to its oldest notification not yet settled, never past it. So a slow
 * channel holds back the commit of its partition (a restart replays from there, and the statuses read
 * back skip what was settled since), but not the delivery on the other channels.
 *
 * <p>Each partition has a generation, raised when it is revoked: work handed out before that is stale
 * and {@link #begin begins} no more. Shared by the consumer thread and the workers; every method holds
 * the monitor.
 */
final class InFlight {

    private static final class Partition {
        /** The generation the partition had when it was (re)assigned: work handed out before that is another owner's. */
        private final int since;
        private final TreeSet<Long> unsettled = new TreeSet<>();
        /** One past the newest offset handed out; -1 before the first. */
        private long next = -1;
        /** The offset last committed (or to start from); -1 before the first commit. */
        private long committed = -1;
        /** Work begun by a worker and not yet finished. */
        private int busy;

        private Partition(final int since) {
            this.since = since;
        }

        private long commitPoint() {
            return unsettled.isEmpty() ? next : unsettled.first();
        }
    }

    private final Map<Integer, Partition> partitions = new HashMap<>();
    private final Map<Integer, Integer> generations = new HashMap<>();

    /** Records that {@code offset} was taken from {@code partition}; returns the generation its work carries. */
    synchronized int handed(final int partition, final long offset) {
        final Partition p = partitions.computeIfAbsent(partition, k -> new Partition(generations.getOrDefault(k, 0)));
        p.unsettled.add(offset);
        if (p.committed < 0) {
            p.committed = offset;
        }
        p.next = Math.max(p.next, offset + 1);
        return generations.getOrDefault(partition, 0);
    }

    /** Whether work of {@code generation} may start; false once its partition was revoked. */
    synchronized boolean begin(final int partition, final int generation) {
        if (!current(partition, generation)) {
            return false;
        }
        partitions.get(partition).busy++;
        return true;
    }

    /** Whether work of {@code generation} is still {@code partition}'s: handed out since its last revocation. */
    synchronized boolean current(final int partition, final int generation) {
        return partitions.containsKey(partition) && generations.getOrDefault(partition, 0) == generation;
    }

    /**
     * The work on {@code offset}, handed out in {@code generation}, ended; {@code settled} when its status was
     * written, false when it was abandoned. Work that began before a revocation still counts while the
     * revocation waits for it; once the partition was forgotten and assigned again, it belongs to the
     * earlier assignment and changes nothing.
     */
    synchronized void finish(final int partition, final int generation, final long offset, final boolean settled) {
        final Partition p = partitions.get(partition);
        if (p != null && generation >= p.since) {
            p.busy = Math.max(0, p.busy - 1);
            if (settled) {
                p.unsettled.remove(offset);
            }
        }
        notifyAll();
    }

    /** Settles {@code offset} that needed no worker (unreadable, already settled before a restart). */
    synchronized void settledAtOnce(final int partition, final long offset) {
        final Partition p = partitions.get(partition);
        if (p != null) {
            p.unsettled.remove(offset);
        }
    }

    /** How many offsets of {@code partition} were handed out past its commit point. */
    synchronized long uncommitted(final int partition) {
        final Partition p = partitions.get(partition);
        return p == null || p.next < 0 ? 0 : p.next - p.commitPoint();
    }

    /** The offset to commit for each partition whose commit point moved since its last commit. */
    synchronized Map<Integer, Long> committable(final Collection<Integer> among) {
        final Map<Integer, Long> offsets = new HashMap<>();
        for (final Integer partition : among) {
            final Partition p = partitions.get(partition);
            if (p != null && p.next >= 0 && p.commitPoint() > p.committed) {
                offsets.put(partition, p.commitPoint());
            }
        }
        return offsets;
    }

    synchronized void committed(final Map<Integer, Long> offsets) {
        offsets.forEach((partition, offset) -> {
            final Partition p = partitions.get(partition);
            if (p != null) {
                p.committed = Math.max(p.committed, offset);
            }
        });
    }

    /**
     * Revokes {@code revoked}: work not yet begun is dropped (the next owner delivers it), and this waits
     * at most {@code timeout} for the work begun to finish, so the commit that follows covers it.
     *
     * @return whether every begun work finished in time
     */
    synchronized boolean revoke(final Collection<Integer> revoked, final Duration timeout) throws InterruptedException {
        revoked.forEach(p -> generations.merge(p, 1, Integer::sum));
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (revoked.stream().map(partitions::get).anyMatch(p -> p != null && p.busy > 0)) {
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Forgets {@code gone}, after its last commit. */
    synchronized void forget(final Collection<Integer> gone) {
        gone.forEach(partitions::remove);
    }
}
