package platformdb.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import platformdb.liquibase.Changelog;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/** Every row of docs/contracts/ names an object that exists in the deployed catalog with the shape it gives. */
class ClientContractsMatchTheCatalogTest {

    private static final Path CONTRACTS = Changelog.PROJECT_ROOT.resolve("docs/contracts");
    private static final Path BAD = Changelog.PROJECT_ROOT.resolve("src/test/resources/fixtures/contracts/bad-contract.md");

    @Deployed
    private static FreshDatabase database;

    @Test
    void everySeedHasAContract() {
        for (String seed : List.of("000", "001", "002", "003", "004")) {
            Path contract = CONTRACTS.resolve("seed-" + seed + ".md");
            assertTrue(ClientContract.read(contract).size() > 5, contract + " should list what seed " + seed + "'s clients use");
        }
    }

    @Test
    void everyContractRowHoldsInTheDeployedCatalog() throws SQLException {
        List<ContractRow> rows = ClientContract.readFolder(CONTRACTS);
        List<String> problems = problems(rows);
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void aBadContractIsRejectedRowByRow() throws SQLException {
        List<ContractRow> rows = ClientContract.read(BAD);
        assertEquals(9, rows.size(), "the prose table above the contract must not be read");
        List<String> problems = problems(rows);
        List<String> expected = List.of(
                "no column public.conversations.visitor_name",
                "public.conversations.user_id is uuid, the contract says text",
                "public.search_embeddings has no overload (query_embedding extensions.vector) -> void",
                "public.msg_type has labels text, image, audio, video",
                "status dropped, but public.customer_configs exists",
                "status same, but the seed's name users is now public.user_profiles",
                "status renamed but no client change",
                "no table or view public.widget_settings");
        assertEquals(expected.size(), problems.size(), () -> "one problem per bad row (the last row is good):\n" + String.join("\n", problems));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(problems.get(i).contains(expected.get(i)), "expected '" + expected.get(i) + "' in: " + problems.get(i));
            assertTrue(problems.get(i).startsWith("bad-contract.md:" + (11 + i) + " "), "a problem names its file and line: " + problems.get(i));
        }
    }

    private static List<String> problems(List<ContractRow> rows) throws SQLException {
        try (Connection connection = database.connect()) {
            return new ContractChecker(new DeployedCatalog(connection)).problems(rows);
        }
    }
}
