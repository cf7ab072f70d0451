package io.bourse.marketdata;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.bourse.testing.CoreRules;

/** Candles, tickers, the tape and depth are plain Java: no Kafka, Avro or Spring, no clock, no randomness. */
@AnalyzeClasses(packages = "io.bourse.marketdata", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsPlainJava = CoreRules.coreIsPlainJava("io.bourse.marketdata");

    @ArchTest
    static final ArchRule coreIsDeterministic = CoreRules.coreIsDeterministic("io.bourse.marketdata");
}
