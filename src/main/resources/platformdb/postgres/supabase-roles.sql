-- The `postgres` role as a Supabase project has it, on a cluster whose bootstrap superuser is supabase_admin (as on
-- Supabase), so that deploys and tests as `postgres` fail here on anything only a superuser may do. Run once by that
-- superuser on a new cluster: by the tests' throwaway cluster (platformdb.postgres.LocalBinariesServer) and by
-- scripts/local-postgres.sh. Each line follows supabase/postgres, migrations/db/:
--   migrations/10000000000000_demote-postgres.sql: NOSUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS
--   migrate.sh: alter database postgres owner to postgres
--   init-scripts/00000000000000-initial-schema.sql: the API roles. They exist before any deploy, as on Supabase; and
--     PostgreSQL 15 lets only a superuser create a BYPASSRLS role (service_role), 16+ a BYPASSRLS one.
--   migrations/20230201083204_grant_auth_roles_to_postgres.sql, and from 16 on with admin option
--     (20250605172253_grant_with_admin_to_postgres_16_and_above.sql: 16+ requires it to alter or grant them)
--   migrations/20240606060239_grant_predefined_roles_to_postgres.sql (pg_read_all_data, pg_signal_backend),
--     20230306081037_grant_pg_monitor_to_postgres.sql (pg_monitor; since 2023 through supabase_superuser)
--   ansible/files/postgresql_config/supautils.conf.j2: supautils lets postgres set the settings of
--     privileged_role_allowed_configs, session_replication_role among them; GRANT SET ON PARAMETER (15+) is the same
--   init-scripts/00000000000003-post-setup.sql: postgres's search_path "$user", public, extensions (Supabase's file
--     writes "\$user", which projects show as is, supabase/supabase#20842; the intended value is used here)
create role postgres login nosuperuser createdb createrole replication bypassrls;
alter database postgres owner to postgres;
create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
do $$
begin
  execute 'grant anon, authenticated, service_role to postgres'
          || case when current_setting('server_version_num')::int >= 160000 then ' with admin option' else '' end;
end
$$;
grant pg_read_all_data, pg_signal_backend, pg_monitor to postgres;
grant set on parameter session_replication_role to postgres;
alter role postgres set search_path = "$user", public, extensions;
