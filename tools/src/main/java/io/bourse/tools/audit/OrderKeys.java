package io.bourse.tools.audit;

/**
 * The orders an audit has seen close, as a compact open-addressing set of 64-bit fingerprints of
 * (user id, order id) with one flag each: 8 bytes a slot, at most 2/3 full, so about 12 bytes per
 * closed order instead of an order's strings and objects. Two different orders share a fingerprint
 * with a probability of about n²/2⁶⁵ (3·10⁻⁶ for ten million orders); the only effect would be one
 * spurious violation to look at, never a hidden one.
 */
final class OrderKeys {

    /** Not in the set. */
    static final int ABSENT = -1;

    private static final long EMPTY = 0L;
    private long[] slots;
    private int size;

    OrderKeys() {
        slots = new long[1 << 10];
    }

    /** The fingerprint of {@code orderId} of {@code userId}; never 0, and its lowest bit is free for the flag. */
    static long fingerprint(final String userId, final String orderId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < userId.length(); i++) {
            h = (h ^ userId.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L;
        for (int i = 0; i < orderId.length(); i++) {
            h = (h ^ orderId.charAt(i)) * 0x100000001b3L;
        }
        h = mix(h) & ~1L;
        return h == 0 ? 2L : h;
    }

    /** A strong 64-bit finalizer (splitmix64's). */
    static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The flag stored with {@code fingerprint}, or {@link #ABSENT}. */
    int get(final long fingerprint) {
        final int mask = slots.length - 1;
        for (int i = index(fingerprint, mask); ; i = (i + 1) & mask) {
            final long slot = slots[i];
            if (slot == EMPTY) {
                return ABSENT;
            }
            if ((slot & ~1L) == fingerprint) {
                return (int) (slot & 1L);
            }
        }
    }

    /** Adds {@code fingerprint} with {@code flag} (0 or 1), replacing the flag if it was there. */
    void put(final long fingerprint, final int flag) {
        if ((size + 1) * 3L > slots.length * 2L) {
            grow();
        }
        if (insert(slots, fingerprint | flag)) {
            size++;
        }
    }

    int size() {
        return size;
    }

    /** Bytes held by the table. */
    long bytes() {
        return 8L * slots.length;
    }

    private static boolean insert(final long[] table, final long entry) {
        final int mask = table.length - 1;
        for (int i = index(entry & ~1L, mask); ; i = (i + 1) & mask) {
            final long slot = table[i];
            if (slot == EMPTY) {
                table[i] = entry;
                return true;
            }
            if ((slot & ~1L) == (entry & ~1L)) {
                table[i] = entry;
                return false;
            }
        }
    }

    private void grow() {
        final long[] bigger = new long[slots.length * 2];
        for (final long slot : slots) {
            if (slot != EMPTY) {
                insert(bigger, slot);
            }
        }
        slots = bigger;
    }

    private static int index(final long fingerprint, final int mask) {
        return (int) (mix(fingerprint) >>> 33) & mask;
    }

    void clear() {
        slots = new long[1 << 10];
        size = 0;
    }
}
