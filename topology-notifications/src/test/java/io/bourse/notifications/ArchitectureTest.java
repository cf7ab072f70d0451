package io.bourse.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.util.UUID;

/** Who hears what, when, and in which words is plain Java: no Kafka, no Avro, no clock, no randomness. */
@AnalyzeClasses(packages = "io.bourse.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsFreeOfKafkaAndAvro = noClasses().that().resideInAPackage("..notifications.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "io.bourse.avro..",
                    "io.bourse.schemas..");

    @ArchTest
    static final ArchRule coreReadsNoClock = noClasses().that().resideInAPackage("..notifications.core..")
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(UUID.class, "randomUUID");
}
