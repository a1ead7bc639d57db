package io.cadenza.dataplane.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The persistence boundary: the SQL client and every SQL store live in {@code persistence.sql}; the rest of the data
 * plane sees the store interfaces (in {@code persistence}, or with the package that owns their records, as
 * {@code namespace.NamespaceStore}) only, so a second backend is a second package, not a change across the engine.
 */
@AnalyzeClasses(packages = "io.cadenza.dataplane", importOptions = ImportOption.DoNotIncludeTests.class)
class PersistenceBoundaryTest {

    static final String SQL = "io.cadenza.dataplane.persistence.sql..";

    @ArchTest
    static final ArchRule sqlClientOnlyInPersistenceSql = noClasses()
            .that().resideOutsideOfPackage(SQL)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.vertx.sqlclient..", "io.vertx.pgclient..",
                    "io.vertx.mutiny.sqlclient..", "io.vertx.mutiny.pgclient..",
                    "java.sql..", "javax.sql..", "org.postgresql..")
            .as("SQL client types (io.vertx.sqlclient, io.vertx.pgclient, JDBC) are used only under persistence.sql")
            .because("every SQL statement lives behind a store interface, so a second backend runs the same engine");

    @ArchTest
    static final ArchRule sqlStoresOnlyThroughInterfaces = noClasses()
            .that().resideOutsideOfPackage(SQL)
            .should().dependOnClassesThat().resideInAPackage(SQL)
            .as("nothing outside persistence.sql uses its classes")
            .because("the engine sees the store interfaces; SqlStores produces their SQL implementations");

    @ArchTest
    static final ArchRule visibilitySqlOnlyInPersistenceSql = noClasses()
            .that().resideOutsideOfPackages(SQL, "io.cadenza.dataplane.visibility..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.cadenza.dataplane.visibility.SqlFilter")
            .orShould().dependOnClassesThat()
            .haveFullyQualifiedName("io.cadenza.dataplane.visibility.SqlFragment")
            .orShould().dependOnClassesThat()
            .haveFullyQualifiedName("io.cadenza.dataplane.visibility.VisibilityQueryTranslator")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.cadenza.dataplane.visibility.KeysetPaging")
            .as("the SQL text of visibility queries (SqlFilter, SqlFragment, VisibilityQueryTranslator, "
                    + "KeysetPaging) is used only by persistence.sql")
            .because("the engine passes the query as Temporal wrote it; the SQL store translates it");

    @ArchTest
    static final ArchRule sqlStoresAreOnlyProduced = classes()
            .that().resideInAPackage(SQL)
            .and().haveSimpleNameStartingWith("Sql").and().haveSimpleNameEndingWith("Store")
            .should().notBeAnnotatedWith("jakarta.enterprise.context.ApplicationScoped")
            .andShould().notBeAnnotatedWith("jakarta.inject.Singleton")
            .as("SQL stores are not beans themselves")
            .because("SqlStores produces them decorated with Retrying (SQLSTATE 40001); a bean of the bare class "
                    + "would bypass the retry");
}
