package platformdb.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks client contract rows against the deployed catalog: the object a row names exists with the shape the
 * row gives, a dropped object is really gone, "same" keeps the seed's name, and every row that is not "same"
 * tells the client what to do.
 */
public final class ContractChecker {

    private static final Set<String> KINDS = Set.of("table", "view", "column", "function", "enum");
    private static final Set<String> STATUSES = Set.of("same", "renamed", "changed", "dropped");
    private static final String NONE = "-";

    private final DeployedCatalog catalog;

    public ContractChecker(DeployedCatalog catalog) {
        this.catalog = catalog;
    }

    /** One message per row that does not hold, each naming the file, line and object. */
    public List<String> problems(List<ContractRow> rows) {
        List<String> problems = new ArrayList<>();
        for (ContractRow row : rows) {
            String problem = problem(row);
            if (problem != null) {
                problems.add(row.where() + ": " + problem);
            }
        }
        return problems;
    }

    private String problem(ContractRow row) {
        if (!KINDS.contains(row.kind())) {
            return "unknown kind '" + row.kind() + "'; kinds: " + KINDS;
        }
        if (!STATUSES.contains(row.status())) {
            return "unknown status '" + row.status() + "'; statuses: " + STATUSES;
        }
        if (!row.status().equals("same") && (row.clientChange().isEmpty() || row.clientChange().equals(NONE))) {
            return "status " + row.status() + " but no client change: say what the client does now";
        }
        if (row.status().equals("dropped")) {
            return dropped(row);
        }
        if (row.status().equals("same") && !unqualified(row.now()).equals(row.seedObject())) {
            return "status same, but the seed's name " + row.seedObject() + " is now " + row.now() + " (renamed?)";
        }
        if (row.status().equals("renamed") && unqualified(row.now()).equals(row.seedObject())) {
            return "status renamed, but " + row.now() + " keeps the seed's name";
        }
        return switch (row.kind()) {
            case "table", "view" -> catalog.relationExists(row.now()) ? null : "no table or view " + row.now() + " in the deployed catalog";
            case "column" -> column(row);
            case "function" -> function(row);
            default -> enumeration(row);
        };
    }

    private String column(ContractRow row) {
        String type = catalog.columnType(row.now());
        if (type == null) {
            return "no column " + row.now() + " in the deployed catalog";
        }
        return type.equals(row.shape()) ? null : row.now() + " is " + type + ", the contract says " + row.shape();
    }

    private String function(ContractRow row) {
        List<String> shapes = catalog.functionShapes(row.now());
        if (shapes.isEmpty()) {
            return "no function " + row.now() + " in the deployed catalog";
        }
        return shapes.contains(row.shape()) ? null
                : row.now() + " has no overload " + row.shape() + "; deployed: " + String.join("; ", shapes);
    }

    private String enumeration(ContractRow row) {
        String labels = catalog.enumLabels(row.now());
        if (labels == null) {
            return "no enum " + row.now() + " in the deployed catalog";
        }
        return labels.equals(row.shape()) ? null : row.now() + " has labels " + labels + ", the contract says " + row.shape();
    }

    private String dropped(ContractRow row) {
        if (!row.now().equals(NONE)) {
            return "status dropped, but now names " + row.now() + " (write - )";
        }
        String seedName = "public." + row.seedObject();
        boolean exists = switch (row.kind()) {
            case "table", "view" -> catalog.relationExists(seedName);
            case "column" -> catalog.columnType(seedName) != null;
            case "function" -> !catalog.functionShapes(seedName).isEmpty();
            default -> catalog.enumLabels(seedName) != null;
        };
        return exists ? "status dropped, but " + seedName + " exists in the deployed catalog" : null;
    }

    private static String unqualified(String qualified) {
        return qualified.substring(qualified.indexOf('.') + 1);
    }
}
