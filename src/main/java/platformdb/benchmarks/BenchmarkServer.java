package platformdb.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The benchmark's PostgreSQL cluster (started by scripts/benchmark): connections and database copies. */
record BenchmarkServer(String host, int port, String user, String password) {

    static BenchmarkServer fromEnvironment() {
        return new BenchmarkServer("localhost", Integer.parseInt(System.getenv().getOrDefault("BENCH_PG_PORT", "54450")),
                "postgres", "postgres");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    void execute(String database, String... statements) {
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    String queryOne(String database, String query) {
        try (Connection connection = connect(database); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The server's version and the cluster settings that matter to the numbers. */
    String describe() {
        return queryOne("postgres", "select version()").replaceAll(" on .*", "") + ", cluster settings: "
                + queryOne("postgres", "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings"
                + " where name in ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'synchronous_commit', 'fsync')");
    }

    boolean exists(String database) {
        return "1".equals(queryOne("postgres", "select 1 from pg_database where datname = '" + database + "'"));
    }

    void drop(String database) {
        execute("postgres", "drop database if exists " + database + " with (force)");
    }

    /** A byte-for-byte copy of {@code template} (CREATE DATABASE ... TEMPLATE): every measured deploy starts alike. */
    long copy(String template, String database) {
        drop(database);
        long start = System.nanoTime();
        execute("postgres", "create database " + database + " template " + template);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
