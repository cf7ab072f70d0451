package io.bourse.marketdata.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

    @Test
    void shouldKeepCoreFreeOfKafkaAvroAndTopology() {
        noClasses().that().resideInAPackage("io.bourse.marketdata.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..",
                        "io.bourse.avro..", "io.bourse.schemas..", "io.bourse.marketdata.topology..", "org.slf4j..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.bourse.marketdata"));
    }
}
