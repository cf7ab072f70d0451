package io.bourse.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rules every topology module's {@code core} package keeps, one definition for all: the business
 * rules are plain, deterministic Java. Each module states them in its {@code ArchitectureTest}:
 * <pre>
 * &#64;AnalyzeClasses(packages = "io.bourse.matching", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     &#64;ArchTest
 *     static final ArchRule coreIsPlainJava = CoreRules.coreIsPlainJava("io.bourse.matching");
 *     &#64;ArchTest
 *     static final ArchRule coreIsDeterministic = CoreRules.coreIsDeterministic("io.bourse.matching");
 * }
 * </pre>
 */
public final class CoreRules {

    private CoreRules() {
    }

    /**
     * {@code <module>.core} depends on no Kafka, Avro, generated schema, catalogue, Spring or logging
     * class, nor on its own module's topology: outcomes are values the topology maps and forwards.
     */
    public static ArchRule coreIsPlainJava(final String modulePackage) {
        return noClasses().that().resideInAPackage(modulePackage + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..",
                        "io.bourse.avro..", "io.bourse.schemas..", "org.springframework..", "org.slf4j..",
                        modulePackage + ".topology..")
                .as("the core of " + modulePackage + " is plain Java: no Kafka, Avro, Spring, logging or topology");
    }

    /**
     * {@code <module>.core} reads no clock and no random source: time and ids come in as arguments, so a
     * replay of the same input gives the same output.
     */
    public static ArchRule coreIsDeterministic(final String modulePackage) {
        return noClasses().that().resideInAPackage(modulePackage + ".core..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .orShould().dependOnClassesThat().areAssignableTo(Random.class)
                .orShould().dependOnClassesThat().areAssignableTo(ThreadLocalRandom.class)
                .as("the core of " + modulePackage + " reads no clock and no random source");
    }
}
