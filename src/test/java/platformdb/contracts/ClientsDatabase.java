package platformdb.contracts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import platformdb.fixtures.Personas;
import platformdb.postgres.FreshDatabase;

/**
 * The database a seed's client contract is acted out on, one per test class: a clean deploy or a seed's adopted
 * database, as the subclass gives it. Opened before the class's own {@code @BeforeAll} methods, dropped after its last
 * test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientsDatabase {

    private FreshDatabase database;
    private Personas personas;

    /** The database the clients talk to, the test class's own: called once, dropped after the last test. */
    abstract FreshDatabase clientsDatabase();

    FreshDatabase database() {
        return database;
    }

    /** The personas of the clients' database. */
    Personas personas() {
        return personas;
    }

    @BeforeAll
    final void openTheClientsDatabase() {
        database = clientsDatabase();
        personas = Personas.on(database);
    }

    @AfterAll
    final void dropTheClientsDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
