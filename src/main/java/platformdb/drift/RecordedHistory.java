package platformdb.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import platformdb.liquibase.Changelog;

/**
 * The changesets a database's DATABASECHANGELOG records, in the order they ran, read with plain SQL: Liquibase's own
 * history service would create or upgrade the tracking tables, and the drift check must change nothing.
 */
public record RecordedHistory(List<Row> rows) {

    public record Row(String changeSet, String checkSum, String execType, String tag) {
    }

    public static RecordedHistory read(Connection connection, String trackingSchema) throws SQLException, CannotCheck {
        try (PreparedStatement exists = connection.prepareStatement("select to_regclass(format('%I.databasechangelog', ?::text)) is not null")) {
            exists.setString(1, trackingSchema);
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    throw new CannotCheck("this database has no " + trackingSchema + ".databasechangelog: nothing of the changelog was deployed"
                            + " here (or its history lives in another schema: set liquibaseSchemaName)");
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        String table = "\"" + trackingSchema.replace("\"", "\"\"") + "\".databasechangelog";
        try (PreparedStatement query = connection.prepareStatement(
                "select filename, id, author, md5sum, exectype, tag from " + table + " order by orderexecuted, dateexecuted");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                if (Changelog.isReshaping(result.getString(1))) {
                    continue;  // an adoption's reshaping: its effect is the shape of the baseline adopt verified, not the master's
                }
                rows.add(new Row(result.getString(1) + "::" + result.getString(2) + "::" + result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6)));
            }
        }
        return new RecordedHistory(List.copyOf(rows));
    }

    public List<String> changeSets() {
        return rows.stream().map(Row::changeSet).toList();
    }

    /** The last tag the history records, or null. */
    public String lastTag() {
        String tag = null;
        for (Row row : rows) {
            if (row.tag() != null) {
                tag = row.tag();
            }
        }
        return tag;
    }
}
