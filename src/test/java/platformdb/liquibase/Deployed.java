package platformdb.liquibase;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a static {@code FreshDatabase} field: the test class gets a database of its own with the whole changelog
 * applied ({@link DeployedSchema#freshDatabase()}), set before its {@code @BeforeAll} methods run and dropped
 * after its last test.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DeployedDatabaseExtension.class)
public @interface Deployed {
}
