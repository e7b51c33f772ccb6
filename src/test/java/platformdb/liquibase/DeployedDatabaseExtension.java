package platformdb.liquibase;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import platformdb.postgres.FreshDatabase;

/**
 * Fills the {@link Deployed} fields of a test class: static ones once for the class, instance ones for each test
 * (before each, not at instance creation, so a per-class test instance gets a fresh one too), and drops their
 * databases after.
 */
final class DeployedDatabaseExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        for (Field field : deployedFields(context.getRequiredTestClass(), true)) {
            field.set(null, DeployedSchema.freshDatabase());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IllegalAccessException {
        for (Field field : deployedFields(context.getRequiredTestClass(), true)) {
            drop(field, null);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : deployedFields(instance.getClass(), false)) {
                field.set(instance, DeployedSchema.freshDatabase());
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : deployedFields(instance.getClass(), false)) {
                drop(field, instance);
            }
        }
    }

    private static void drop(Field field, Object instance) throws IllegalAccessException {
        FreshDatabase database = (FreshDatabase) field.get(instance);
        if (database != null) {
            database.close();
            field.set(instance, null);
        }
    }

    private static List<Field> deployedFields(Class<?> testClass, boolean statics) {
        List<Field> fields = new ArrayList<>();
        for (Field field : testClass.getDeclaredFields()) {
            if (field.isAnnotationPresent(Deployed.class)) {
                if (field.getType() != FreshDatabase.class) {
                    throw new IllegalStateException("@Deployed goes on a FreshDatabase field: " + field);
                }
                if (Modifier.isStatic(field.getModifiers()) == statics) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }
}
