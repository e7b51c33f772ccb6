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
import platformdb.fixtures.Personas;
import platformdb.postgres.FreshDatabase;

/**
 * Fills the {@link Deployed} fields of a test class: static ones once for the class, instance ones for each test
 * (before each, not at instance creation, so a per-class test instance gets a fresh one too), and drops their
 * databases after. A {@code Personas} field gets the personas of the deployed database beside it.
 */
final class DeployedDatabaseExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        fill(null, context.getRequiredTestClass(), true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IllegalAccessException {
        drop(null, context.getRequiredTestClass(), true);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            fill(instance, instance.getClass(), false);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            drop(instance, instance.getClass(), false);
        }
    }

    private static void fill(Object instance, Class<?> testClass, boolean statics) throws IllegalAccessException {
        List<Field> databases = deployedFields(testClass, statics, FreshDatabase.class);
        List<Field> personas = deployedFields(testClass, statics, Personas.class);
        if (!personas.isEmpty() && databases.size() != 1) {
            throw new IllegalStateException("@Deployed Personas needs exactly one @Deployed FreshDatabase field of the same kind (static or not) in "
                    + testClass.getName());
        }
        for (Field field : databases) {
            FreshDatabase database = DeployedSchema.freshDatabase();
            field.set(instance, database);
            for (Field people : personas) {
                people.set(instance, Personas.on(database));
            }
        }
    }

    private static void drop(Object instance, Class<?> testClass, boolean statics) throws IllegalAccessException {
        for (Field field : deployedFields(testClass, statics, Personas.class)) {
            field.set(instance, null); // closed with their database
        }
        for (Field field : deployedFields(testClass, statics, FreshDatabase.class)) {
            FreshDatabase database = (FreshDatabase) field.get(instance);
            if (database != null) {
                database.close();
                field.set(instance, null);
            }
        }
    }

    private static List<Field> deployedFields(Class<?> testClass, boolean statics, Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field field : testClass.getDeclaredFields()) {
            if (field.isAnnotationPresent(Deployed.class)) {
                if (field.getType() != FreshDatabase.class && field.getType() != Personas.class) {
                    throw new IllegalStateException("@Deployed goes on a FreshDatabase or Personas field: " + field);
                }
                if (Modifier.isStatic(field.getModifiers()) == statics && field.getType() == type) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }
}
