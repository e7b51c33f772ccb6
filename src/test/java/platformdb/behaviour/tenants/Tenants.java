package platformdb.behaviour.tenants;

import java.sql.Connection;
import java.util.UUID;
import platformdb.behaviour.Sql;
import platformdb.postgres.FreshDatabase;

/**
 * Creates tenants as the platform does (as the server, bypassing RLS): an auth account, the customers row
 * linked to it, and one site (customer_configs) named after the tenant.
 */
public final class Tenants {

    /** The ids of a tenant: its auth account, its customers row and its site. */
    public record Tenant(String name, UUID user, UUID customer, UUID site, String domain) {
    }

    private Tenants() {
    }

    public static Tenant signUp(FreshDatabase database, String name) {
        UUID user = account(database, name + "@example.com");
        UUID customer = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        String domain = name + "-" + site.toString().substring(0, 8) + ".example.com";
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into public.customers (id, email, company_name, auth_user_id) values (?, ?, ?, ?)",
                    customer, name + "-" + customer + "@example.com", name + " Inc.", user);
            Sql.update(server, "insert into public.customer_configs (id, customer_id, domain, business_name) values (?, ?, ?, ?)",
                    site, customer, domain, name + "'s shop");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Tenant(name, user, customer, site, domain);
    }

    /** An auth account (Supabase Auth's row in auth.users); later releases give it a profile by trigger. */
    public static UUID account(FreshDatabase database, String email) {
        UUID id = UUID.randomUUID();
        try (Connection server = database.connect()) {
            Sql.update(server, "insert into auth.users (id, email) values (?, ?)", id, email.replace("@", "+" + id.toString().substring(0, 8) + "@"));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Runs one statement as the server (superuser, RLS bypassed) and returns the first column of its first row. */
    public static String asServer(FreshDatabase database, String sql, Object... params) {
        try (Connection server = database.connect()) {
            return Sql.one(server, sql, params);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one data-changing statement as the server; returns the rows changed. */
    public static int changeAsServer(FreshDatabase database, String sql, Object... params) {
        try (Connection server = database.connect()) {
            return Sql.update(server, sql, params);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
