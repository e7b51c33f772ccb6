package platformdb.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.DirectoryResourceAccessor;
import platformdb.liquibase.Changelog;
import platformdb.postgres.FreshDatabase;

/** A deployed database's DATABASECHANGELOG, read and rewritten with plain SQL, and what Liquibase makes of it. */
final class DeployedHistory {

    private static final String TABLE = FreshDatabase.TRACKING_SCHEMA + ".databasechangelog";

    private final FreshDatabase database;

    DeployedHistory(FreshDatabase database) {
        this.database = database;
    }

    /** The recorded rows, in ORDEREXECUTED order. */
    List<LandedChangeset> rows() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select filename, id, author, md5sum from " + TABLE + " order by orderexecuted")) {
            List<LandedChangeset> recorded = new ArrayList<>();
            while (rows.next()) {
                recorded.add(new LandedChangeset(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
            return recorded;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Makes the row of changeset id/author record the filename and checksum of {@code row}, as an older deploy wrote them. */
    void record(String id, String author, LandedChangeset row) {
        recordAll(List.of(new Rewrite(id, author, row)));
    }

    /** Makes every recorded row of a ledger changeset hold the ledger's filename and checksum, on one connection. */
    void recordAsWritten(List<LandedChangeset> rows) {
        recordAll(rows.stream().map(row -> new Rewrite(row.id(), row.author(), row)).toList());
    }

    /** The recorded row of changeset id/author, to be made to hold {@code row}. */
    private record Rewrite(String id, String author, LandedChangeset row) {
    }

    private void recordAll(List<Rewrite> rewrites) {
        String sql = "update " + TABLE + " set filename = ?, id = ?, author = ?, md5sum = ? where id = ? and author = ?";
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            // One connection, one transaction: a connection costs a backend process, and there are hundreds of rows.
            connection.setAutoCommit(false);
            for (Rewrite rewrite : rewrites) {
                LandedChangeset row = rewrite.row();
                List<String> values = List.of(row.filename(), row.id(), row.author(), row.md5sum(), rewrite.id(), rewrite.author());
                for (int v = 0; v < values.size(); v++) {
                    statement.setString(v + 1, values.get(v));
                }
                int updated = statement.executeUpdate();
                if (updated != 1) {
                    throw new IllegalStateException(sql + " with " + values + " changed " + updated + " rows, not 1");
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The project's changesets Liquibase would run on this database (what `status` lists), by name. */
    List<String> unrunChangeSets() {
        return withLiquibase(liquibase -> liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).stream()
                .map(Changelog::name).toList());
    }

    /** Liquibase's `validate` of the project's changelog against this database; throws what it refuses. */
    void validate() {
        withLiquibase(liquibase -> {
            liquibase.validate();
            return null;
        });
    }

    private interface LiquibaseAction<T> {
        T run(Liquibase liquibase) throws LiquibaseException;
    }

    private <T> T withLiquibase(LiquibaseAction<T> action) {
        try (Connection connection = database.connect()) {
            Database target = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            target.setLiquibaseSchemaName(FreshDatabase.TRACKING_SCHEMA);
            Liquibase liquibase = new Liquibase(Changelog.MASTER, new DirectoryResourceAccessor(Changelog.PROJECT_ROOT), target);
            return action.run(liquibase);
        } catch (LiquibaseException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } finally {
            ChangeLogHistoryServiceFactory.getInstance().resetAll();
        }
    }

}
