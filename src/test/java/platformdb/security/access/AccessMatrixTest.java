package platformdb.security.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Every table in public behaves as the access matrix declares, for anon, the row's owner, another user
 * (another tenant), an admin and service_role, and for select, insert, update and delete.
 */
class AccessMatrixTest {

    @Deployed
    private static FreshDatabase database;
    private static AccessChecker checker;

    @BeforeAll
    static void deployAndMakeRows() {
        checker = new AccessChecker(database, AccessMatrix.load());
    }

    @Test
    void everyTableInPublicHasAnEntryAndEveryEntryATable() {
        List<String> problems = checker.completenessProblems();
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @TestFactory
    Stream<DynamicNode> everyTableEveryActorEveryAction() {
        return checker.tests();
    }
}
