package platformdb.security.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import platformdb.fixtures.ApiRequest;
import platformdb.fixtures.ApiSession;
import platformdb.fixtures.Personas;
import platformdb.liquibase.Deployed;
import platformdb.postgres.FreshDatabase;

/**
 * Every function in public has an EXECUTE declaration, and each API role holds EXECUTE exactly as declared;
 * a role that must not execute a function is refused when it actually calls it.
 */
class FunctionPrivilegesTest {

    @Deployed
    private static FreshDatabase database;
    private static AccessMatrix matrix;
    private static Map<String, FunctionPrivileges.Actual> functions;
    /** One connection for the server's catalog reads and one per API role for the calls: hundreds of checks. */
    private static Connection server;
    private static final Map<String, ApiSession> callers = new HashMap<>();

    @BeforeAll
    static void deploy() throws SQLException {
        matrix = AccessMatrix.load();
        server = Personas.on(database).server();
        functions = FunctionPrivileges.actual(server);
    }

    @Test
    void everyFunctionIsDeclaredAndEveryDeclarationMatchesTheCatalog() throws SQLException {
        List<String> problems = FunctionPrivileges.problems(server, matrix);
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void definerFunctionsAreLockedDownUnlessTheMatrixSaysSo() throws SQLException {
        List<String> violations = DefinerFunctionLint.violations(server, matrix);
        assertEquals(List.of(), violations, () -> String.join("\n", violations));
    }

    @TestFactory
    Stream<DynamicNode> eachRoleExecutesExactlyWhatIsDeclared() {
        return functions.values().stream().map(function -> DynamicContainer.dynamicContainer(function.signature(),
                FunctionPrivileges.API_ROLES.stream().map(role -> DynamicTest.dynamicTest(role, () -> {
                    AccessMatrix.Function declared = matrix.functions().get(function.signature());
                    if (declared == null) {
                        fail("public." + function.signature() + " has no EXECUTE declaration in the access matrix");
                    }
                    boolean expected = declared.execute().contains(role);
                    assertEquals(expected, FunctionPrivileges.mayExecute(server, role, function.signature()),
                            role + " EXECUTE on public." + function.signature());
                    if (!expected && !"service_role".equals(role)) {
                        assertCallRefused(role, function);
                    }
                }))));
    }

    private static void assertCallRefused(String role, FunctionPrivileges.Actual function) throws SQLException {
        ApiSession caller = callers.computeIfAbsent(role, r -> database.closesWithIt(ApiSession.open(database, r, null, r)));
        try (ApiRequest request = caller.request(); Statement statement = request.sql().createStatement()) {
            statement.execute("select " + function.nullCall());
            fail(role + " called " + function.nullCall() + ", which the matrix forbids");
        } catch (SQLException e) {
            assertEquals("42501", e.getSQLState(), role + " calling " + function.nullCall() + " must be refused for lack of privilege, got: " + e.getMessage());
        }
    }
}
