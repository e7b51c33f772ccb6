-- Rows of a running v3 project: three users, their memories (some carried over from ai_memories by the data
-- migration, whose 384-dimension embeddings were nulled for re-embedding), widgets with their version history, and
-- the team's shares and re-embedding jobs. Ids are md5 of a readable key, timestamps fixed: the same rows, and
-- fingerprints, on every build. Nulls where the seed allows them. Embeddings are unit vectors of the seed's 1536
-- dimensions, as OpenAI's are.

create function pg_temp.embedding(seed integer, dims integer) returns text language sql immutable as $$
  with raw as (select i, sin(seed * 7919 + i * 104729.0) as x from generate_series(1, dims) i),
       norm as (select sqrt(sum(x * x)) as n from raw)
  select '[' || string_agg(round((x / n)::numeric, 6)::text, ',' order by i) || ']' from raw, norm
$$;

insert into auth.users (id, email, created_at, updated_at) values
  (md5('auth.users/dana')::uuid, 'dana@notes.example', '2024-11-02 08:00+00', '2024-11-02 08:00+00'),
  (md5('auth.users/eli')::uuid, 'eli@notes.example', '2025-01-15 09:30+00', '2025-01-15 09:30+00'),
  (md5('auth.users/fay')::uuid, 'fay@notes.example', '2025-03-20 17:45+00', '2025-03-20 17:45+00');

insert into memories (id, user_id, content, embedding, metadata, tags, created_at, updated_at) values
  (md5('memories/1')::uuid, md5('auth.users/dana')::uuid, 'Prefers dark mode in every app', pg_temp.embedding(41, 1536)::vector,
   '{"kind": "preference"}', '{ui,preference}', '2025-04-01 10:00+00', '2025-04-01 10:00+00'),
  (md5('memories/2')::uuid, md5('auth.users/dana')::uuid, 'Sister''s birthday is on 14 March', pg_temp.embedding(42, 1536)::vector,
   '{}', '{}', '2025-04-02 11:00+00', '2025-04-03 09:00+00'),
  (md5('memories/3')::uuid, md5('auth.users/eli')::uuid, 'Working on the Q3 budget review', null,
   '{"migrated_from": "ai_memories", "needs_reembedding": true, "legacy_embedding_dims": 384}', '{work}', '2024-12-10 15:20+00', '2025-04-05 08:00+00'),
  (md5('memories/4')::uuid, md5('auth.users/fay')::uuid, 'Allergic to peanuts', pg_temp.embedding(44, 1536)::vector,
   '{"kind": "fact", "confidence": 0.9}', '{health}', '2025-04-06 19:10+00', '2025-04-06 19:10+00');

-- record_widget_version writes each widget's current version on insert (new id, now()); the earlier versions are the
-- ones the data migration carried over. The trigger's rows get fixed ids and times right after.
insert into widgets (id, user_id, name, config, version, created_at, updated_at) values
  (md5('widgets/dana/notes')::uuid, md5('auth.users/dana')::uuid, 'Notes', '{"layout": "list", "limit": 20}', 2,
   '2025-01-05 09:00+00', '2025-04-01 10:05+00'),
  (md5('widgets/dana/chart')::uuid, md5('auth.users/dana')::uuid, 'Mood chart', '{"type": "line", "range": "30d"}', 1,
   '2025-04-02 12:00+00', '2025-04-02 12:00+00'),
  (md5('widgets/eli/memory')::uuid, md5('auth.users/eli')::uuid, 'Recent memories', '{}', 1,
   '2025-04-05 08:30+00', '2025-04-05 08:30+00');

update widget_versions v
   set id = md5('widget_versions/' || w.name || '/' || v.version)::uuid, created_at = w.updated_at
  from widgets w
 where w.id = v.widget_id;

insert into widget_versions (id, widget_id, version, name, config, created_by, created_at) values
  (md5('widget_versions/Notes/1')::uuid, md5('widgets/dana/notes')::uuid, 1, 'Notes', '{"layout": "list"}', null, '2025-01-05 09:00+00');

insert into widget_shares (id, widget_id, share_token, expires_at, created_at) values
  (md5('widget_shares/1')::uuid, md5('widgets/dana/notes')::uuid, 'shr_7f3a9c', null, '2025-04-01 10:10+00'),
  (md5('widget_shares/2')::uuid, md5('widgets/dana/chart')::uuid, 'shr_c41e02', '2025-05-01 00:00+00', '2025-04-02 12:05+00'),
  (md5('widget_shares/3')::uuid, md5('widgets/eli/memory')::uuid, 'shr_0b88d1', '2025-04-06 00:00+00', '2025-04-05 08:35+00');

insert into embedding_jobs (id, memory_id, model, status, error, queued_at, finished_at) values
  (1, md5('memories/3')::uuid, 'text-embedding-3-small', 'failed', 'rate limited (429)', '2025-04-05 08:00+00', '2025-04-05 08:00:03+00'),
  (2, md5('memories/3')::uuid, 'text-embedding-3-small', 'queued', null, '2025-04-05 08:05+00', null),
  (3, md5('memories/1')::uuid, 'text-embedding-3-small', 'done', null, '2025-04-01 10:00+00', '2025-04-01 10:00:01+00');
select setval('public.embedding_jobs_id_seq', 3);
