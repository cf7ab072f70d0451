package io.bourse.testing;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Property tests over seeded random cases with plain JUnit 5: {@link #check} draws {@code tries}
 * cases from a generator and runs a check on each. Every try has its own seed; a failure names the
 * try's seed and the failing case, and {@code -Dbourse.seed=<seed>} makes that case the first try of
 * the next run. No shrinking: the case is printed as drawn.
 */
public final class Seeded {

    /** The system property that fixes the first try's seed. */
    public static final String SEED_PROPERTY = "bourse.seed";

    private Seeded() {
    }

    /** Draws one case from a random source; the same seed always gives the same case. */
    @FunctionalInterface
    public interface Gen<T> {
        T next(SplittableRandom random);

        /** A generator of this one's values passed through {@code mapper}. */
        default <R> Gen<R> map(final java.util.function.Function<? super T, ? extends R> mapper) {
            return random -> mapper.apply(next(random));
        }
    }

    /** A check on one case; it fails by throwing (an AssertJ assertion, or any exception). */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Exception;
    }

    /**
     * Runs {@code check} on {@code tries} cases drawn from {@code gen}. The first try's seed is
     * {@code -Dbourse.seed} when set, otherwise random; each later seed is derived from the one before.
     *
     * @throws AssertionError naming the failing try's seed and its case, caused by the check's failure
     */
    public static <T> void check(final int tries, final Gen<T> gen, final Check<? super T> check) {
        final String test = testName();
        final String fixedText = System.getProperty(SEED_PROPERTY, "").strip();
        final Long fixed = fixedText.isEmpty() ? null : Long.valueOf(fixedText);
        long seed = fixed != null ? fixed : new SplittableRandom().nextLong();
        System.out.println(test + ": " + tries + " tries from seed " + seed + (fixed != null ? " (" + SEED_PROPERTY + ")" : ""));
        for (int i = 1; i <= tries; i++) {
            final T value = gen.next(new SplittableRandom(seed));
            try {
                check.accept(value);
            } catch (final Exception | AssertionError e) {
                final String message = test + " failed on try " + i + " of " + tries + " with seed " + seed
                        + " (replay: -D" + SEED_PROPERTY + "=" + seed + ")\n  case: " + show(value) + "\n  " + e;
                System.out.println(message);
                throw new AssertionError(message, e);
            }
            seed = nextSeed(seed);
        }
    }

    /** The test method calling {@link #check}: the caller's first frame that is not a lambda. */
    private static String testName() {
        final StackWalker.StackFrame frame = StackWalker.getInstance().walk(frames -> {
            final List<StackWalker.StackFrame> callers = frames.skip(2).toList();
            final String testClass = callers.get(0).getClassName();
            return callers.stream().filter(f -> f.getClassName().equals(testClass) && !f.getMethodName().startsWith("lambda$"))
                    .findFirst().orElse(callers.get(0));
        });
        return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    /** Any long, the whole range. */
    public static Gen<Long> longs() {
        return SplittableRandom::nextLong;
    }

    /**
     * A long in {@code [min, max]}. About one draw in sixteen is an edge of the range (its ends, their
     * neighbours, and zero when inside), where off-by-one mistakes live.
     */
    public static Gen<Long> longs(final long min, final long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        final long[] edges = Arrays.stream(new long[] {min, max, Math.min(min + 1, max), Math.max(max - 1, min), 0})
                .filter(edge -> edge >= min && edge <= max).distinct().toArray();
        return random -> {
            if (random.nextInt(16) == 0) {
                return edges[random.nextInt(edges.length)];
            }
            if (max < Long.MAX_VALUE) {
                return random.nextLong(min, max + 1);
            }
            return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
        };
    }

    /** An int in {@code [min, max]}, with the edges of {@link #longs(long, long)}. */
    public static Gen<Integer> ints(final int min, final int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** A list of {@code minSize} to {@code maxSize} elements (the sizes' edges included) drawn from {@code element}. */
    public static <T> Gen<List<T>> lists(final Gen<? extends T> element, final int minSize, final int maxSize) {
        final Gen<Integer> size = ints(minSize, maxSize);
        return random -> {
            final int n = size.next(random);
            final List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(element.next(random));
            }
            return list;
        };
    }

    /** One generator picked with the given weights, e.g. {@code frequency(weight(6, a), weight(3, b))}. */
    @SafeVarargs
    public static <T> Gen<T> frequency(final Weighted<? extends T>... choices) {
        final int total = Arrays.stream(choices).mapToInt(Weighted::weight).sum();
        return random -> {
            int roll = random.nextInt(total);
            for (final Weighted<? extends T> choice : choices) {
                roll -= choice.weight();
                if (roll < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights changed");
        };
    }

    public static <T> Weighted<T> weight(final int weight, final Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A generator and how often {@link #frequency} picks it relative to the others. */
    public record Weighted<T>(int weight, Gen<T> gen) {
        public Weighted {
            if (weight < 1) {
                throw new IllegalArgumentException("weight must be positive, not " + weight);
            }
        }
    }

    /** The seed after {@code seed}: a stream of its own, not the first value a case draws from {@code seed}. */
    static long nextSeed(final long seed) {
        return new SplittableRandom(Long.rotateLeft(seed, 32) ^ 0x632BE59BD9B4E019L).nextLong();
    }

    /** A case as text, arrays included. */
    static String show(final Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            final List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(show(Array.get(value, i)));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Seeded::show).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }
}
