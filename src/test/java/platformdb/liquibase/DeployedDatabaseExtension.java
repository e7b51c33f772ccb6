package platformdb.liquibase;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import platformdb.postgres.FreshDatabase;

/** Fills the static {@link Deployed} fields of a test class, and drops their databases after it. */
final class DeployedDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        for (Field field : deployedFields(context)) {
            field.set(null, DeployedSchema.freshDatabase());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IllegalAccessException {
        for (Field field : deployedFields(context)) {
            FreshDatabase database = (FreshDatabase) field.get(null);
            if (database != null) {
                database.close();
                field.set(null, null);
            }
        }
    }

    private static List<Field> deployedFields(ExtensionContext context) {
        List<Field> fields = new ArrayList<>();
        for (Field field : context.getRequiredTestClass().getDeclaredFields()) {
            if (field.isAnnotationPresent(Deployed.class)) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != FreshDatabase.class) {
                    throw new IllegalStateException("@Deployed goes on a static FreshDatabase field: " + field);
                }
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return fields;
    }
}
