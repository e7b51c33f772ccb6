package platformdb.schemadocs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import platformdb.liquibase.Changelog;
import platformdb.schemadocs.ErCatalog.ForeignKey;
import platformdb.schemadocs.ErCatalog.Table;
import platformdb.schemadocs.ErCatalog.TableName;

/**
 * The files of docs/schema/, generated from a deployed database: structure.sql, one page per domain with its ER
 * diagram, and the index page README.md. One generator for scripts/schema-docs and SchemaDocsAreCurrentTest.
 */
public final class SchemaDocs {

    public static final String FOLDER = "docs/schema";
    /**
     * docs/schema/ is generated on one PostgreSQL major: another major's pg_dump prints the same schema differently
     * (17: views without table prefixes, default privileges with other spacing), and the folder must change only when
     * the schema does. The generator refuses a server of another major; SchemaDocsAreCurrentTest checks on this one only.
     */
    public static final int POSTGRES_MAJOR = 15;
    public static final String COMMAND = "scripts/schema-docs";
    static final String STRUCTURE = "structure.sql";
    static final String INDEX = "README.md";

    private SchemaDocs() {
    }

    /** File name in docs/schema/ to content, in name order. */
    public static SortedMap<String, String> generate(DatabaseAddress database, Changelog changelog) {
        TableDomains domains = TableDomains.of(changelog);
        SortedMap<String, List<Table>> tablesByDomain = new TreeMap<>();
        Map<TableName, String> domainOfTable = new TreeMap<>();
        for (Table table : ErCatalog.read(database)) {
            String domain = domains.domainOf(table.name().qualified());
            tablesByDomain.computeIfAbsent(domain, key -> new ArrayList<>()).add(table);
            domainOfTable.put(table.name(), domain);
        }
        SortedMap<String, String> files = new TreeMap<>();
        files.put(STRUCTURE, StructureSql.of(database));
        tablesByDomain.forEach((domain, tables) -> files.put(domain + ".md",
                domainPage(domain, tables, referencesFromOtherDomains(domain, tablesByDomain, domainOfTable), domainOfTable)));
        files.put(INDEX, index(tablesByDomain));
        return files;
    }

    private static String domainPage(String domain, List<Table> tables, List<ForeignKey> referencedBy, Map<TableName, String> domainOfTable) {
        StringBuilder page = new StringBuilder("# Domain `" + domain + "`\n\n");
        page.append(domain.equals(TableDomains.UNASSIGNED)
                ? "Tables no changeset creates with a `create table` statement (a table's domain is the changelog folder of the changeset that creates it).\n"
                : "Tables created by the changesets in [`changelog/" + domain + "/`](../../changelog/" + domain + "/).\n");
        page.append(generatedNote());
        page.append("Key columns only (PK primary, FK foreign, UK unique); every column, index, policy and grant is in ")
                .append("[structure.sql](structure.sql). Tables of other domains appear by name only.\n\n");
        page.append(MermaidErDiagram.of(tables)).append('\n');
        page.append("| table | columns | what it holds |\n| --- | ---: | --- |\n");
        for (Table table : tables) {
            page.append("| `").append(table.name().qualified()).append("` | ").append(table.columns().size()).append(" | ")
                    .append(cell(table.comment())).append(" |\n");
        }
        if (!referencedBy.isEmpty()) {
            page.append("\n## Referenced from other domains\n\n");
            for (ForeignKey key : referencedBy) {
                String otherDomain = domainOfTable.get(key.from());
                page.append("- `").append(key.to().qualified()).append("` ← `").append(key.from().qualified()).append('.')
                        .append(String.join(", ", key.columns())).append("` ([").append(otherDomain).append("](")
                        .append(otherDomain).append(".md))\n");
            }
        }
        return page.toString();
    }

    private static List<ForeignKey> referencesFromOtherDomains(String domain, Map<String, List<Table>> tablesByDomain,
                                                               Map<TableName, String> domainOfTable) {
        List<ForeignKey> references = new ArrayList<>();
        tablesByDomain.forEach((otherDomain, tables) -> {
            if (!otherDomain.equals(domain)) {
                tables.forEach(table -> table.foreignKeys().stream()
                        .filter(key -> domain.equals(domainOfTable.get(key.to())))
                        .forEach(references::add));
            }
        });
        references.sort((a, b) -> (a.to().qualified() + a.from().qualified() + a.name())
                .compareTo(b.to().qualified() + b.from().qualified() + b.name()));
        return references;
    }

    private static String index(SortedMap<String, List<Table>> tablesByDomain) {
        StringBuilder page = new StringBuilder("# The schema as it is now\n\n");
        page.append("What a fresh deployment of `changelog/db.changelog-master.yaml` (plain PostgreSQL mode) holds today, ")
                .append("every schema but `liquibase` (the tracking tables), on PostgreSQL ").append(POSTGRES_MAJOR)
                .append(" (the one major these files are generated on: another major's pg_dump prints some statements differently).\n");
        page.append(generatedNote()).append('\n');
        page.append("- [structure.sql](structure.sql): every table, column, constraint, index, policy, function, trigger, ")
                .append("view, enum and grant as it is now, one file to read or search (pg_dump, without owners or version lines).\n");
        page.append("- One page per domain: an ER diagram of its tables (keys and foreign keys). A table's domain is the ")
                .append("changelog folder of the changeset that creates it.\n\n");
        page.append("| domain | tables |\n| --- | --- |\n");
        tablesByDomain.forEach((domain, tables) -> page.append("| [").append(domain).append("](").append(domain).append(".md) | ")
                .append(tables.stream().map(table -> MermaidErDiagram.entity(table.name()).replace("\"", ""))
                        .collect(Collectors.joining(", ")))
                .append(" |\n"));
        return page.toString();
    }

    private static String generatedNote() {
        return "Generated by `" + COMMAND + "` from a deployed database: do not edit by hand. "
                + "`SchemaDocsAreCurrentTest` fails when this folder no longer matches the changelog.\n";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replaceAll("\\s+", " ").strip();
    }
}
