package io.bourse.testing;

/**
 * The JUnit tags of tests that need more than a JVM. The fast lane ({@code ./mvnw verify -Pfast})
 * excludes them and runs the unit and {@code TopologyTestDriver} tests only; a plain
 * {@code verify} runs everything.
 */
public final class Tags {

    /** Needs a Kafka broker (in-process, shared or its own) and usually the schema registry. */
    public static final String BROKER = "broker";
    /** Drives a real browser (Chromium). */
    public static final String BROWSER = "browser";
    /** Needs a real database (embedded PostgreSQL). */
    public static final String DATABASE = "database";

    private Tags() {
    }
}
