package platformdb.deploy;

import java.nio.file.Path;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.command.CommandScope;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.DirectoryResourceAccessor;

/** Liquibase's commands, in this JVM, on a Database object the test made, with a changelog under src/test/resources. */
final class LiquibaseCommands {

    static final String CALL_ORDER_CHANGELOG = "fixtures/deploy/call-order/changelog.yaml";

    private LiquibaseCommands() {
    }

    static void run(Database database, String[] command, Map<String, Object> arguments) throws Exception {
        try {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                    new DirectoryResourceAccessor(Path.of("src/test/resources"))), () -> {
                CommandScope scope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CALL_ORDER_CHANGELOG);
                arguments.forEach(scope::addArgumentValue);
                scope.execute();
            });
        } finally {
            LockServiceFactory.getInstance().resetAll();
            ChangeLogHistoryServiceFactory.getInstance().resetAll();
        }
    }
}
