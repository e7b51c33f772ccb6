package platformdb.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import platformdb.postgres.FreshDatabase;

/**
 * Which reshaping an adoption recorded, as `adopt` (to finish it) and the deploy guard (to refuse a deploy onto an
 * unfinished one) read it: none on a database never adopted, none on one adopted before the column existed (its
 * deploys must go on), the recorded point otherwise.
 */
class ReshapingOfTheAdoptionTest {

    @Test
    void noneBeforeAdoptionNoneFromAnOlderAdoptionAndThePointOnceRecorded() throws Exception {
        try (FreshDatabase database = FreshDatabase.create(); Connection connection = database.connect()) {
            assertEquals(Optional.empty(), Adoption.reshapingOfTheAdoption(connection, "liquibase"), "never adopted");

            database.execute("create table liquibase.adopted_changesets (filename varchar(255), id varchar(255), author varchar(255))");
            assertEquals(Optional.empty(), Adoption.reshapingOfTheAdoption(connection, "liquibase"), "adopted before the column existed");

            database.execute("alter table liquibase.adopted_changesets add column reshaping text;"
                    + " insert into liquibase.adopted_changesets values ('f', 'i', 'a', null)");
            assertEquals(Optional.empty(), Adoption.reshapingOfTheAdoption(connection, "liquibase"), "adopted without a reshaping");

            database.execute("update liquibase.adopted_changesets set reshaping = 'seed-000-final'");
            assertEquals(Reshaping.named("seed-000-final"), Adoption.reshapingOfTheAdoption(connection, "liquibase"));
        }
    }
}
