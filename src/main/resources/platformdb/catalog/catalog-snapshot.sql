-- One row per catalog object of the database: (key, description, scope, own), object identity in the key
-- and everything that defines it in the description. No OIDs in key or description; owner names replaced
-- by OWNER so that two servers with different users compare equal. Extension members are represented by
-- their extension. :tracking_schema (Liquibase's tracking tables) and :probe_schema (the round trip's DDL
-- probe) are left out.
-- scope: the oid of the object whose rows are recomputed together (a table for its columns, constraints,
-- indexes, policies, triggers, grants and comments; a function; a type), 0 for the few rows recomputed every
-- time (schemas, extensions, default privileges, role settings, publications). own: the oid of the object the row describes.
-- The one bind parameter (an oid[] literal) restricts the rows to those scopes (and scope 0); null means all.
with recursive
params as (select :tracking_schema::text as tracking_schema, ?::text::oid[] as scopes),
ns as (
  select n.oid, n.nspname, n.nspowner, n.nspacl
  from pg_namespace n, params p
  where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', p.tracking_schema, :probe_schema)
    and n.nspname not like 'pg_temp_%' and n.nspname not like 'pg_toast_temp_%'
),
ext_member as (
  select d.classid, d.objid from pg_depend d where d.deptype = 'e'
),
rel as (
  select r.* from (
    select c.oid, c.relname, c.relkind, c.relowner, c.relacl, c.reloptions, c.relpersistence,
           c.relrowsecurity, c.relforcerowsecurity, ns.nspname,
           quote_ident(ns.nspname) || '.' || quote_ident(c.relname) as qname,
           coalesce(ix.indrelid, c.oid) as scope
    from pg_class c join ns on ns.oid = c.relnamespace
    left join pg_index ix on ix.indexrelid = c.oid
    where not exists (select 1 from ext_member e where e.classid = 'pg_class'::regclass and e.objid = c.oid)
  ) r, params p
  where p.scopes is null or r.scope = any (p.scopes)
),
fn as (
  select p.oid, p.prokind, p.proowner, p.proacl, p.prosecdef, ns.nspname,
         quote_ident(ns.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' as qname
  from pg_proc p join ns on ns.oid = p.pronamespace, params pa
  where not exists (select 1 from ext_member e where e.classid = 'pg_proc'::regclass and e.objid = p.oid)
    and (pa.scopes is null or p.oid = any (pa.scopes))
),
typ as (
  select t.oid, t.typtype, t.typowner, t.typacl, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefault, t.typcollation,
         quote_ident(ns.nspname) || '.' || quote_ident(t.typname) as qname
  from pg_type t join ns on ns.oid = t.typnamespace, params pa
  where not exists (select 1 from ext_member e where e.classid = 'pg_type'::regclass and e.objid = t.oid)
    and t.typcategory <> 'A' and t.typrelid = 0
    and (pa.scopes is null or t.oid = any (pa.scopes))
),
-- Privileges as "grantee: privilege, privilege*" lines, the owner written OWNER, grant options starred.
acl_line(object_key, owner, acl, scope, own) as (
  select 'schema ' || quote_ident(nspname), nspowner, coalesce(nspacl, acldefault('n', nspowner)), 0::oid, oid from ns
  union all
  select case when relkind = 'S' then 'sequence ' else 'table ' end || qname, relowner,
         coalesce(relacl, acldefault((case when relkind = 'S' then 's' else 'r' end)::"char", relowner)), scope, oid
  from rel where relkind in ('r', 'p', 'v', 'm', 'f', 'S')
  union all
  select 'function ' || qname, proowner, coalesce(proacl, acldefault('f', proowner)), oid, oid from fn
  union all
  select 'type ' || qname, typowner, coalesce(typacl, acldefault('T', typowner)), oid, oid from typ where typtype in ('e', 'd', 'r', 'm', 'b')
)
select key, description, scope, own from (
  select 'schema ' || quote_ident(nspname) as key, 'exists' as description, 0::oid as scope, oid as own from ns

  union all
  select 'relation ' || qname,
         'kind=' || relkind::text || ' persistence=' || relpersistence::text
         || ' options=' || coalesce(array_to_string(array(select unnest(reloptions) order by 1), ','), '')
         || ' rls=' || relrowsecurity || ' force_rls=' || relforcerowsecurity,
         scope, oid
  from rel where relkind in ('r', 'p', 'v', 'm', 'f', 'c', 'S')

  union all
  select 'column ' || r.qname || '.' || quote_ident(a.attname),
         'position=' || row_number() over (partition by r.oid order by a.attnum)
         || ' type=' || format_type(a.atttypid, a.atttypmod)
         || ' not_null=' || a.attnotnull
         || ' default=' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '')
         || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
         || ' collation=' || coalesce(case when a.attcollation <> t.typcollation then co.collname end, '')
         || ' statistics=' || coalesce(a.attstattarget, -1) || ' storage=' || a.attstorage::text,
         r.scope, r.oid
  from rel r
  join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
  join pg_type t on t.oid = a.atttypid
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
  left join pg_collation co on co.oid = a.attcollation
  where r.relkind in ('r', 'p', 'v', 'm', 'f', 'c')

  union all
  select 'constraint ' || coalesce(r.qname, ty.qname) || '.' || quote_ident(con.conname),
         'type=' || con.contype::text || ' ' || pg_get_constraintdef(con.oid) || ' validated=' || con.convalidated,
         coalesce(r.scope, ty.oid), con.oid
  from pg_constraint con
  join ns on ns.oid = con.connamespace
  left join rel r on r.oid = con.conrelid
  left join typ ty on ty.oid = con.contypid
  where r.oid is not null or ty.oid is not null

  union all
  select 'index ' || i.qname,
         pg_get_indexdef(x.indexrelid) || ' valid=' || x.indisvalid || ' ready=' || x.indisready,
         i.scope, i.oid
  from pg_index x join rel i on i.oid = x.indexrelid

  union all
  select 'policy ' || r.qname || '.' || quote_ident(pol.polname),
         'command=' || pol.polcmd::text || ' permissive=' || pol.polpermissive
         || ' roles=' || coalesce((select string_agg(case when rid = 0 then 'PUBLIC' else rid::regrole::text end, ',' order by 1)
                                   from unnest(pol.polroles) rid), '')
         || ' using=' || coalesce(pg_get_expr(pol.polqual, pol.polrelid), '')
         || ' with_check=' || coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), ''),
         r.scope, pol.oid
  from pg_policy pol join rel r on r.oid = pol.polrelid

  union all
  select case when f.prokind = 'a' then 'aggregate ' else 'function ' end || f.qname,
         case when f.prokind = 'a' then 'aggregate' else pg_get_functiondef(f.oid) end
         -- a security definer function runs with its owner's rights: who that is matters
         || case when f.prosecdef then E'\nowner=' || case when f.proowner = current_user::regrole then 'CURRENT_USER' else f.proowner::regrole::text end else '' end,
         f.oid, f.oid
  from fn f

  union all
  select 'trigger ' || r.qname || '.' || quote_ident(tg.tgname),
         pg_get_triggerdef(tg.oid) || ' enabled=' || tg.tgenabled::text,
         r.scope, tg.oid
  from pg_trigger tg join rel r on r.oid = tg.tgrelid
  where not tg.tgisinternal

  union all
  -- a view reads its tables with its owner's rights unless security_invoker: its owner matters
  select 'view ' || qname,
         pg_get_viewdef(oid) || E'\nowner=' || case when relowner = current_user::regrole then 'CURRENT_USER' else relowner::regrole::text end,
         scope, oid
  from rel where relkind in ('v', 'm')

  union all
  select 'enum ' || ty.qname,
         'labels=' || (select string_agg(quote_literal(e.enumlabel), ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = ty.oid),
         ty.oid, ty.oid
  from typ ty where ty.typtype = 'e'

  union all
  select 'domain ' || ty.qname,
         'type=' || format_type(ty.typbasetype, ty.typtypmod) || ' not_null=' || ty.typnotnull
         || ' default=' || coalesce(ty.typdefault, ''),
         ty.oid, ty.oid
  from typ ty where ty.typtype = 'd'

  union all
  select 'type ' || ty.qname, 'kind=' || ty.typtype::text, ty.oid, ty.oid
  from typ ty where ty.typtype in ('r', 'm', 'b')

  union all
  select 'sequence ' || r.qname,
         'type=' || format_type(s.seqtypid, null) || ' start=' || s.seqstart || ' increment=' || s.seqincrement
         || ' min=' || s.seqmin || ' max=' || s.seqmax || ' cache=' || s.seqcache || ' cycle=' || s.seqcycle,
         r.scope, r.oid
  from pg_sequence s join rel r on r.oid = s.seqrelid

  union all
  select 'extension ' || quote_ident(x.extname),
         'version=' || x.extversion || ' schema=' || n.nspname,
         0::oid, x.oid
  from pg_extension x join pg_namespace n on n.oid = x.extnamespace
  where x.extname <> 'plpgsql'

  union all
  -- settings given to a role in this database only (alter role ... in database ... set): the API roles' search_path
  select 'role setting ' || r.rolname::text || ' ' || split_part(c.setting, '=', 1),
         substr(c.setting, strpos(c.setting, '=') + 1),
         0::oid, 0::oid
  from pg_db_role_setting s
  join pg_roles r on r.oid = s.setrole
  cross join lateral unnest(s.setconfig) c(setting)
  where s.setdatabase = (select oid from pg_database where datname = current_database())

  union all
  select 'publication ' || quote_ident(pub.pubname),
         'all_tables=' || pub.puballtables || ' insert=' || pub.pubinsert || ' update=' || pub.pubupdate
         || ' delete=' || pub.pubdelete || ' truncate=' || pub.pubtruncate || ' via_root=' || pub.pubviaroot,
         0::oid, pub.oid
  from pg_publication pub

  union all
  select 'publication ' || quote_ident(pub.pubname) || ' table ' || r.qname,
         'columns=' || coalesce((select string_agg(quote_ident(a.attname), ',' order by a.attnum)
                                 from pg_attribute a where a.attrelid = r.oid and a.attnum = any (pr.prattrs)), 'all')
         || ' where=' || coalesce(pg_get_expr(pr.prqual, pr.prrelid), ''),
         r.scope, pr.oid
  from pg_publication_rel pr join pg_publication pub on pub.oid = pr.prpubid join rel r on r.oid = pr.prrelid

  union all
  select 'comment on ' || o.type || ' ' || o.identity, d.description, cs.scope, d.objoid
  from pg_description d
  cross join lateral (select case d.classoid
           when 'pg_class'::regclass then coalesce((select ix.indrelid from pg_index ix where ix.indexrelid = d.objoid), d.objoid)
           when 'pg_constraint'::regclass then (select coalesce(nullif(c.conrelid, 0), c.contypid) from pg_constraint c where c.oid = d.objoid)
           when 'pg_policy'::regclass then (select pol.polrelid from pg_policy pol where pol.oid = d.objoid)
           when 'pg_trigger'::regclass then (select tg.tgrelid from pg_trigger tg where tg.oid = d.objoid)
           when 'pg_proc'::regclass then d.objoid
           when 'pg_type'::regclass then d.objoid
           else 0 end as scope) cs
  cross join params pa
  cross join lateral pg_identify_object(d.classoid, d.objoid, d.objsubid) o
  where d.objoid >= 16384
    and (pa.scopes is null or cs.scope = 0 or cs.scope = any (pa.scopes))
    and not exists (select 1 from ext_member e where e.classid = d.classoid and e.objid = d.objoid)
    and (d.classoid <> 'pg_namespace'::regclass or exists (select 1 from ns where ns.oid = d.objoid))
    and (d.classoid <> 'pg_class'::regclass or exists (select 1 from rel where rel.oid = d.objoid))
    and (d.classoid <> 'pg_proc'::regclass or exists (select 1 from fn where fn.oid = d.objoid))

  union all
  select 'grant on ' || l.object_key || ' to '
         || case when x.grantee = 0 then 'PUBLIC' when x.grantee = l.owner then 'OWNER' else x.grantee::regrole::text end,
         string_agg(x.privilege_type || case when x.is_grantable then '*' else '' end
                    || case when x.grantor <> l.owner then ' by ' || x.grantor::regrole::text else '' end,
                    ',' order by x.privilege_type),
         l.scope, l.own
  from acl_line l, aclexplode(l.acl) x
  group by l.object_key, l.owner, x.grantee, l.scope, l.own

  union all
  select 'grant on column ' || r.qname || '.' || quote_ident(a.attname) || ' to '
         || case when x.grantee = 0 then 'PUBLIC' when x.grantee = r.relowner then 'OWNER' else x.grantee::regrole::text end,
         string_agg(x.privilege_type || case when x.is_grantable then '*' else '' end, ',' order by x.privilege_type),
         r.scope, r.oid
  from rel r
  join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped and a.attacl is not null,
  aclexplode(a.attacl) x
  group by r.qname, a.attname, r.relowner, x.grantee, r.scope, r.oid

  union all
  select 'default privileges of ' || case when d.defaclrole = current_user::regrole then 'CURRENT_USER' else d.defaclrole::regrole::text end
         || ' in ' || coalesce('schema ' || quote_ident(n.nspname), 'all schemas')
         || ' on ' || case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions'
                                          when 'T' then 'types' when 'n' then 'schemas' end
         || ' to ' || case when x.grantee = 0 then 'PUBLIC' when x.grantee = d.defaclrole then 'OWNER' else x.grantee::regrole::text end,
         string_agg(x.privilege_type || case when x.is_grantable then '*' else '' end, ',' order by x.privilege_type),
         0::oid, 0::oid
  from pg_default_acl d
  left join pg_namespace n on n.oid = d.defaclnamespace,
  aclexplode(d.defaclacl) x
  group by d.defaclrole, n.nspname, d.defaclobjtype, x.grantee
) snapshot
order by key
