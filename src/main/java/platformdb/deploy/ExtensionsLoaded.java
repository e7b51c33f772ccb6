package platformdb.deploy;

import liquibase.database.Database;
import liquibase.exception.CustomPreconditionErrorException;
import liquibase.exception.CustomPreconditionFailedException;
import liquibase.precondition.CustomPrecondition;

/**
 * The changelog's guard against being deployed by a Liquibase without the project's extensions (a plain installed
 * `liquibase`): without them a killed deploy can leave a changeset applied but unrecorded, a long transaction can
 * stall every reader of a table, and a rollback count past the start empties the database. Named by the master
 * changelog's preconditions; a Liquibase that cannot load this class halts there, before anything runs.
 */
public class ExtensionsLoaded implements CustomPrecondition {

    @Override
    public void check(Database database) throws CustomPreconditionFailedException, CustomPreconditionErrorException {
        if (!(database instanceof PlatformPostgresDatabase)) {
            throw new CustomPreconditionFailedException("this changelog is deployed through the project's Liquibase"
                    + " extensions (found " + database.getClass().getName() + "): run it with ./mvnw liquibase:<goal>"
                    + " or scripts/liquibase from the project's folder");
        }
    }
}
