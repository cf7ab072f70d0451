package io.bourse.benchmarks.matching;

import io.bourse.matching.core.Side;
import java.util.Arrays;

/**
 * The generator's own view of which orders are open, keyed by the order's number (its place in
 * the stream of new orders), so "the k-th oldest open order" is a query. A Fenwick tree over the
 * numbers answers it in O(log n) instead of walking a linked set.
 */
final class OpenOrders {

    private boolean[] open;
    private int[] tree;
    private int count;
    private int bids;
    private int asks;

    OpenOrders(final int capacity) {
        open = new boolean[Math.max(16, capacity)];
        tree = new int[open.length + 1];
    }

    void open(final int number, final Side side) {
        if (number >= open.length) {
            grow(number);
        }
        if (open[number]) {
            return;
        }
        open[number] = true;
        add(number, 1);
        count++;
        if (side == Side.BUY) {
            bids++;
        } else {
            asks++;
        }
    }

    /** Forgets {@code number}; a no-op for an order that never rested (IOC, FOK, filled at once). */
    void close(final int number, final Side side) {
        if (number >= open.length || !open[number]) {
            return;
        }
        open[number] = false;
        add(number, -1);
        count--;
        if (side == Side.BUY) {
            bids--;
        } else {
            asks--;
        }
    }

    int count() {
        return count;
    }

    int count(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** The number of the {@code k}-th oldest open order, counting from 0. */
    int oldest(final int k) {
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("asked for open order " + k + " of " + count);
        }
        int position = 0;
        int remaining = k + 1;
        for (int step = Integer.highestOneBit(tree.length - 1); step > 0; step >>= 1) {
            final int next = position + step;
            if (next < tree.length && tree[next] < remaining) {
                position = next;
                remaining -= tree[next];
            }
        }
        // tree positions are numbers + 1
        return position;
    }

    private void add(final int number, final int delta) {
        for (int i = number + 1; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }

    private void grow(final int number) {
        open = Arrays.copyOf(open, Math.max(number + 1, open.length * 2));
        tree = new int[open.length + 1];
        for (int i = 1; i < tree.length; i++) {
            tree[i] += open[i - 1] ? 1 : 0;
            final int parent = i + (i & -i);
            if (parent < tree.length) {
                tree[parent] += tree[i];
            }
        }
    }
}
