-- Rows of Identra after 20250214_alter_existing_schema.sql: three signed-up users (their profiles made by the seed's
-- on_auth_user_created trigger, one without metadata), memories with real-dimension embeddings (1536, unit length as
-- OpenAI's text-embedding-3-small), conversations whose counts the seed's update_conversation_stats trigger keeps,
-- and rows in every other table. Ids are md5 of a readable key, timestamps fixed: the same rows on every build.
create function pg_temp.embedding(seed integer, dims integer) returns text language sql immutable as $$
  with raw as (select i, sin(seed * 7919 + i * 104729.0) as x from generate_series(1, dims) i),
       norm as (select sqrt(sum(x * x)) as n from raw)
  select '[' || string_agg(round((x / n)::numeric, 6)::text, ',' order by i) || ']' from raw, norm
$$;

insert into auth.users (id, email, raw_user_meta_data, created_at, updated_at) values
  (md5('auth.users/ana')::uuid, 'ana@identra.example', '{"full_name": "Ana Lima", "avatar_url": "https://cdn.identra.example/a/ana.png"}', '2025-02-10 09:00+00', '2025-02-10 09:00+00'),
  (md5('auth.users/ben')::uuid, 'ben@identra.example', '{"full_name": "Ben Okafor"}', '2025-02-11 10:00+00', '2025-02-11 10:00+00'),
  (md5('auth.users/cleo')::uuid, 'cleo@identra.example', '{}', '2025-02-12 11:00+00', '2025-02-12 11:00+00');

-- The trigger made the profiles with now(): the team's rows have the sign-up times.
update user_profiles set settings = '{"theme": "dark", "memory_retention_days": 365}', last_active_at = '2025-03-01 18:00+00',
  created_at = '2025-02-10 09:00+00', updated_at = '2025-03-01 18:00+00' where id = md5('auth.users/ana')::uuid;
update user_profiles set settings = '{"theme": "light"}', last_active_at = '2025-02-20 08:30+00',
  created_at = '2025-02-11 10:00+00', updated_at = '2025-02-20 08:30+00' where id = md5('auth.users/ben')::uuid;
update user_profiles set created_at = '2025-02-12 11:00+00', updated_at = '2025-02-12 11:00+00' where id = md5('auth.users/cleo')::uuid;

insert into memories (id, user_id, content, summary, embedding, metadata, tags, encrypted_data, source, is_favorite, is_archived, created_at, updated_at, deleted_at) values
  (md5('memories/1')::uuid, md5('auth.users/ana')::uuid, 'My passport expires in March 2027; renew it by January.', 'Passport renewal', pg_temp.embedding(21, 1536)::vector,
   '{"confidence": 0.92}', '{travel,documents}', null, 'chat', true, false, '2025-02-15 10:00+00', '2025-02-15 10:00+00', null),
  (md5('memories/2')::uuid, md5('auth.users/ana')::uuid, 'Prefers window seats and vegetarian meals on flights.', null, pg_temp.embedding(22, 1536)::vector,
   '{}', '{travel,preferences}', null, 'manual', false, false, '2025-02-16 10:00+00', '2025-02-16 10:00+00', null),
  (md5('memories/3')::uuid, md5('auth.users/ana')::uuid, 'Imported note: quarterly review with the design team.', 'Quarterly review', null,
   '{"import": "notion"}', '{}', '\x7b22656e63223a2274727565227d', 'import', false, true, '2025-02-17 10:00+00', '2025-02-18 10:00+00', null),
  (md5('memories/4')::uuid, md5('auth.users/ben')::uuid, 'Runs 10 km every Saturday morning.', null, pg_temp.embedding(24, 1536)::vector,
   '{}', '{health}', null, 'extension', false, false, '2025-02-18 07:00+00', '2025-02-18 07:00+00', null),
  (md5('memories/5')::uuid, md5('auth.users/ben')::uuid, 'Old phone number, no longer in use.', null, pg_temp.embedding(25, 1536)::vector,
   '{}', '{contacts}', null, 'api', false, false, '2025-02-19 07:00+00', '2025-02-20 07:00+00', '2025-02-20 07:00+00');

insert into conversations (id, user_id, title, system_prompt, model, temperature, is_pinned, is_archived, folder, tags, created_at, updated_at) values
  (md5('conversations/ana/1')::uuid, md5('auth.users/ana')::uuid, 'Trip to Lisbon', 'You are a concise travel assistant.', 'gpt-4o-mini', 0.7, true, false, 'Travel', '{travel}', '2025-02-15 09:55+00', '2025-02-15 10:05+00'),
  (md5('conversations/ana/2')::uuid, md5('auth.users/ana')::uuid, 'Old brainstorm', null, 'gpt-4o', 1.2, false, true, null, '{}', '2025-01-20 12:00+00', '2025-02-01 12:00+00'),
  (md5('conversations/ben/1')::uuid, md5('auth.users/ben')::uuid, 'Training plan', null, null, null, false, false, null, '{health,running}', '2025-02-18 06:50+00', '2025-02-18 07:10+00'),
  (md5('conversations/cleo/1')::uuid, md5('auth.users/cleo')::uuid, null, null, null, null, false, false, null, '{}', '2025-02-12 11:05+00', '2025-02-12 11:05+00');

insert into messages (id, conversation_id, role, content, metadata, embedding, context_memories, token_count, created_at) values
  (md5('messages/1')::uuid, md5('conversations/ana/1')::uuid, 'user', 'When does my passport expire?', '{}', pg_temp.embedding(31, 1536)::vector, '{}', 7, '2025-02-15 10:00+00'),
  (md5('messages/2')::uuid, md5('conversations/ana/1')::uuid, 'assistant', 'In March 2027: renew it by January.', '{"model": "gpt-4o-mini"}', pg_temp.embedding(32, 1536)::vector,
   array[md5('memories/1')::uuid], 12, '2025-02-15 10:00:03+00'),
  (md5('messages/3')::uuid, md5('conversations/ana/2')::uuid, 'system', 'Brainstorm names for the project.', '{}', null, '{}', null, '2025-01-20 12:00+00'),
  (md5('messages/4')::uuid, md5('conversations/ben/1')::uuid, 'user', 'Plan my long run for Saturday.', '{}', pg_temp.embedding(34, 1536)::vector, '{}', 8, '2025-02-18 07:00+00'),
  (md5('messages/5')::uuid, md5('conversations/ben/1')::uuid, 'assistant', null, '{"error": "timeout"}', null, array[md5('memories/4')::uuid], null, '2025-02-18 07:00:30+00'),
  (md5('messages/6')::uuid, md5('conversations/cleo/1')::uuid, 'user', 'Hello?', '{}', null, '{}', 2, '2025-02-12 11:05+00');

insert into memory_links (id, user_id, source_memory_id, target_memory_id, link_type, strength, created_at) values
  (md5('memory_links/1')::uuid, md5('auth.users/ana')::uuid, md5('memories/1')::uuid, md5('memories/2')::uuid, 'related', 0.6, '2025-02-16 10:01+00'),
  (md5('memory_links/2')::uuid, md5('auth.users/ana')::uuid, md5('memories/3')::uuid, md5('memories/1')::uuid, 'follows', 1.0, '2025-02-17 10:01+00'),
  (md5('memory_links/3')::uuid, md5('auth.users/ben')::uuid, md5('memories/5')::uuid, md5('memories/4')::uuid, 'contradicts', 0.2, '2025-02-19 07:01+00');

insert into feedback (id, user_id, conversation_id, message_id, feedback_type, rating, comment, metadata, created_at) values
  (md5('feedback/1')::uuid, md5('auth.users/ana')::uuid, md5('conversations/ana/1')::uuid, md5('messages/2')::uuid, 'thumbs_up', null, null, '{}', '2025-02-15 10:01+00'),
  (md5('feedback/2')::uuid, md5('auth.users/ben')::uuid, md5('conversations/ben/1')::uuid, md5('messages/5')::uuid, 'bug', null, 'The reply never arrived.', '{"client": "web"}', '2025-02-18 07:02+00'),
  (md5('feedback/3')::uuid, md5('auth.users/cleo')::uuid, null, null, 'rating', 4, 'Nice start.', '{}', '2025-02-12 11:10+00');

insert into user_sessions (id, user_id, session_token_hash, device_info, ip_address, user_agent, created_at, last_activity_at, expires_at) values
  (md5('user_sessions/1')::uuid, md5('auth.users/ana')::uuid, encode(sha256('session-ana-1'::bytea), 'hex'), '{"os": "macOS"}', '203.0.113.10', 'Mozilla/5.0 (Macintosh)',
   '2025-03-01 17:00+00', '2025-03-01 18:00+00', '2025-03-08 17:00+00'),
  (md5('user_sessions/2')::uuid, md5('auth.users/ben')::uuid, encode(sha256('session-ben-1'::bytea), 'hex'), '{}', null, null,
   '2025-02-20 08:00+00', '2025-02-20 08:30+00', '2025-02-27 08:00+00'),
  (md5('user_sessions/3')::uuid, md5('auth.users/ana')::uuid, encode(sha256('session-ana-extension'::bytea), 'hex'), '{"client": "extension"}', '2001:db8::5', 'IdentraExtension/0.3',
   '2025-02-15 09:00+00', '2025-02-15 09:00+00', '2025-05-15 09:00+00');

insert into import_history (id, user_id, source, file_name, status, items_total, items_imported, error_message, metadata, started_at, completed_at, created_at, updated_at) values
  (md5('import_history/1')::uuid, md5('auth.users/ana')::uuid, 'notion', 'workspace-export.zip', 'completed', 120, 118, null, '{"skipped": 2}',
   '2025-02-17 09:50+00', '2025-02-17 10:00+00', '2025-02-17 09:50+00', '2025-02-17 10:00+00'),
  (md5('import_history/2')::uuid, md5('auth.users/ben')::uuid, 'chatgpt', 'conversations.json', 'failed', 0, 0, 'unrecognised export format', '{}',
   '2025-02-19 06:00+00', null, '2025-02-19 06:00+00', '2025-02-19 06:01+00'),
  (md5('import_history/3')::uuid, md5('auth.users/cleo')::uuid, 'markdown', null, 'pending', 0, 0, null, '{}', null, null, '2025-02-12 11:20+00', '2025-02-12 11:20+00');

insert into system_metrics (id, metric_name, metric_value, unit, tags, recorded_at) values
  (md5('system_metrics/1')::uuid, 'gateway.request_latency_p95', 182.5, 'ms', '{"region": "eu-west"}', '2025-03-01 00:00+00'),
  (md5('system_metrics/2')::uuid, 'gateway.requests', 48213, null, '{}', '2025-03-01 00:00+00'),
  (md5('system_metrics/3')::uuid, 'embeddings.queue_depth', 0, 'jobs', '{}', '2025-03-01 00:05+00');

insert into feature_flags (id, name, description, is_enabled, rollout_percentage, conditions, created_at, updated_at) values
  (md5('feature_flags/semantic_search')::uuid, 'semantic_search', 'Search memories by meaning', true, 100, '{}', '2025-02-14 12:00+00', '2025-02-14 12:00+00'),
  (md5('feature_flags/memory_graph')::uuid, 'memory_graph', null, true, 25, '{"plans": ["pro"]}', '2025-02-14 12:00+00', '2025-02-20 12:00+00'),
  (md5('feature_flags/voice_notes')::uuid, 'voice_notes', 'Record memories by voice', false, 0, '{}', '2025-02-14 12:00+00', '2025-02-14 12:00+00');

insert into gateway_api_keys (id, user_id, name, key_hash, last_used_at, revoked_at, created_at) values
  (md5('gateway_api_keys/1')::uuid, md5('auth.users/ana')::uuid, 'Browser extension', encode(sha256('idk_ana_ext'::bytea), 'hex'), '2025-03-01 17:59+00', null, '2025-02-15 08:00+00'),
  (md5('gateway_api_keys/2')::uuid, md5('auth.users/ana')::uuid, 'Old laptop', encode(sha256('idk_ana_old'::bytea), 'hex'), null, '2025-02-20 09:00+00', '2025-02-10 09:30+00'),
  (md5('gateway_api_keys/3')::uuid, md5('auth.users/ben')::uuid, 'Zapier', encode(sha256('idk_ben_zap'::bytea), 'hex'), '2025-02-19 07:00+00', null, '2025-02-18 06:00+00');

insert into waitlist_signups (id, email, referrer, signed_up_at) values
  (1, 'dev@startup.example', 'producthunt', '2025-01-05 10:00+00'),
  (2, 'ana@identra.example', null, '2025-01-06 11:00+00'),
  (3, 'someone@mail.example', 'twitter', '2025-01-07 12:00+00');
select setval('waitlist_signups_id_seq', 3);
