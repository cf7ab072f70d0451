package io.bourse.portfolio;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.bourse.testing.CoreRules;

/** The money rules are plain Java: no Kafka, Avro or Spring, no clock, no randomness. */
@AnalyzeClasses(packages = "io.bourse.portfolio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsPlainJava = CoreRules.coreIsPlainJava("io.bourse.portfolio");

    @ArchTest
    static final ArchRule coreIsDeterministic = CoreRules.coreIsDeterministic("io.bourse.portfolio");
}
