package platformdb.adoption;

import java.io.File;
import java.util.List;
import liquibase.Scope;
import liquibase.changelog.OfflineChangeLogHistoryService;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.exception.DatabaseException;

/**
 * The offline history the adoption's SQL preview runs Liquibase's updateSQL against: a CSV holding the baseline, active
 * only inside the preview's scope. It is Liquibase's own offline history but for one thing: the rows it reads name the
 * changelog they were stored under, as rows read from a database do. Liquibase 4.33's offline history leaves that
 * null, and parsing an included changelog then fails on the first changeset it finds ran (getStoredChangeLog() is
 * null). It writes the history's inserts to the SQL, never its create table (the preview writes Liquibase's own).
 */
public class PreviewHistoryService extends OfflineChangeLogHistoryService {

    /** The scope value that holds the CSV file while the preview runs updateSQL. */
    static final String HISTORY_FILE = "platformdb.adoption.previewHistoryFile";

    public PreviewHistoryService() {
        super(null, historyFile(), true, false);
    }

    private static File historyFile() {
        Object file = Scope.getCurrentScope().get(HISTORY_FILE, Object.class);
        return file == null ? new File("adopt-preview-history-unused.csv") : new File(file.toString());
    }

    @Override
    public int getPriority() {
        return super.getPriority() + 100;
    }

    @Override
    public boolean supports(Database database) {
        return Scope.getCurrentScope().get(HISTORY_FILE, Object.class) != null && database.getConnection() instanceof OfflineConnection;
    }

    @Override
    public List<RanChangeSet> getRanChangeSets() throws DatabaseException {
        List<RanChangeSet> ran = super.getRanChangeSets();
        ran.forEach(row -> row.setStoredChangeLog(row.getChangeLog()));
        return ran;
    }
}
