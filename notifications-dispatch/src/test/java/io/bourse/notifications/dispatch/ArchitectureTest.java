package io.bourse.notifications.dispatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void shouldKeepTheCoreFreeOfKafkaAvroMailAndHttp() {
        noClasses().that().resideInAPackage("io.bourse.notifications.dispatch.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "io.bourse.avro..",
                        "jakarta.mail..", "java.net.http..", "io.micrometer..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.bourse.notifications.dispatch"));
    }
}
