package platformdb.schemadocs;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import platformdb.liquibase.Changelog;

/**
 * Which domain a table belongs to: the changelog folder (changelog/&lt;domain&gt;/) of the first changeset that
 * creates it. The changelog is already organised by domain, so the diagrams follow the same map the authors
 * keep, and a new table lands in its domain's diagram without anyone editing a list.
 */
final class TableDomains {

    static final String UNASSIGNED = "unassigned";

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?(\"?[a-z_][a-z0-9_]*\"?(?:\\.\"?[a-z_][a-z0-9_]*\"?)?)");

    private final Map<String, String> domainByTable;

    private TableDomains(Map<String, String> domainByTable) {
        this.domainByTable = domainByTable;
    }

    static TableDomains of(Changelog changelog) {
        Map<String, String> domains = new HashMap<>();
        for (ChangeSet changeSet : changelog.changeSets()) {
            String domain = domainOfFile(changeSet.getFilePath());
            for (Change change : changeSet.getChanges()) {
                if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                    Matcher created = CREATE_TABLE.matcher(sql.getSql());
                    while (created.find()) {
                        domains.putIfAbsent(qualified(created.group(1)), domain);
                    }
                }
            }
        }
        return new TableDomains(domains);
    }

    /** The domain of a table ("schema.table"), or {@value #UNASSIGNED} when no changeset creates it by SQL. */
    String domainOf(String qualifiedTable) {
        return domainByTable.getOrDefault(qualifiedTable, UNASSIGNED);
    }

    /** changelog/tenants/customers.yaml is domain "tenants"; a changelog file outside a folder is its own name. */
    static String domainOfFile(String changelogFile) {
        String path = changelogFile.replace('\\', '/');
        if (path.startsWith("changelog/")) {
            path = path.substring("changelog/".length());
        }
        int slash = path.indexOf('/');
        return slash > 0 ? path.substring(0, slash) : path.replaceFirst("\\.[a-z]+$", "");
    }

    private static String qualified(String name) {
        String unquoted = name.replace("\"", "").toLowerCase();
        return unquoted.contains(".") ? unquoted : "public." + unquoted;
    }
}
