package io.bourse.portfolio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The money rules are plain Java: no Kafka, no Avro, no clock. */
@AnalyzeClasses(packages = "io.bourse.portfolio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsFreeOfKafkaAndAvro = noClasses().that().resideInAPackage("..portfolio.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "io.bourse.avro..",
                    "io.bourse.schemas..");

    @ArchTest
    static final ArchRule coreReadsNoClock = noClasses().that().resideInAPackage("..portfolio.core..")
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock");
}
