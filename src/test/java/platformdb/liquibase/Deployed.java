package platformdb.liquibase;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a {@code FreshDatabase} field: a database with the whole changelog applied ({@link DeployedSchema#freshDatabase()}).
 * A static field gets one for the test class, set before its {@code @BeforeAll} methods run and dropped after its
 * last test; an instance field gets one per test, set before its {@code @BeforeEach} methods run and dropped after
 * it (for tests whose data would disturb each other). On a {@code Personas} field beside it: the personas of that
 * database ({@code personas.create("alice")}, {@code personas.actAs("alice")}), closed with it.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DeployedDatabaseExtension.class)
public @interface Deployed {
}
