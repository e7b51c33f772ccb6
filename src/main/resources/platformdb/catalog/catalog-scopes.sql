-- The snapshot scopes (see catalog-snapshot.sql) touched by DDL on the given objects (two oid[] literals: classids, objids,
-- parallel arrays, as event triggers report them), and by everything that depends on them in pg_depend,
-- transitively: renaming a table changes the text of the policies, foreign keys and views of other tables
-- that name it. Objects that no longer exist give no scope here (their old rows say where they were).
with recursive touched(classid, objid) as (
  select * from unnest(?::text::oid[], ?::text::oid[])
  union
  select d.classid, d.objid
  from pg_depend d join touched t on d.refclassid = t.classid and d.refobjid = t.objid
  where d.deptype in ('n', 'a', 'i')
)
select distinct scope from (
  select case t.classid
           when 'pg_class'::regclass then coalesce((select ix.indrelid from pg_index ix where ix.indexrelid = t.objid),
                                                   (select c.oid from pg_class c where c.oid = t.objid))
           when 'pg_constraint'::regclass then (select coalesce(nullif(c.conrelid, 0), c.contypid) from pg_constraint c where c.oid = t.objid)
           when 'pg_policy'::regclass then (select pol.polrelid from pg_policy pol where pol.oid = t.objid)
           when 'pg_trigger'::regclass then (select tg.tgrelid from pg_trigger tg where tg.oid = t.objid)
           when 'pg_attrdef'::regclass then (select ad.adrelid from pg_attrdef ad where ad.oid = t.objid)
           when 'pg_rewrite'::regclass then (select rw.ev_class from pg_rewrite rw where rw.oid = t.objid)
           when 'pg_proc'::regclass then (select p.oid from pg_proc p where p.oid = t.objid)
           when 'pg_type'::regclass then (select case when ty.typrelid <> 0 then ty.typrelid
                                                      when ty.typcategory = 'A' then ty.typelem else ty.oid end
                                          from pg_type ty where ty.oid = t.objid)
         end as scope
  from touched t
) s
where scope is not null
