package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;

/**
 * One kind of operation a {@link Load} thread repeats on its own connection, each time as one transaction, on rows of
 * a dataset {@code D} it picks at random: the release benchmark's {@link LoadOperation}s on the changelog's schema, the
 * seed application's {@link SeedLoadOperation}s on seed 000's.
 */
interface Operation<D> {

    String description();

    /** Runs the operation's statements on a connection with autocommit off; the caller commits (or rolls back). */
    void run(Connection connection, D dataset, Random random) throws SQLException;
}
