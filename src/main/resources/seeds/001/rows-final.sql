-- Rows of the tables migue.ai gained after 001: memories with real-dimension embeddings (1536, unit length as
-- OpenAI's text-embedding-3-small), messaging windows, costs, scheduled messages, dead letters, flows and calls.
create function pg_temp.embedding(seed integer, dims integer) returns text language sql immutable as $$
  with raw as (select i, sin(seed * 7919 + i * 104729.0) as x from generate_series(1, dims) i),
       norm as (select sqrt(sum(x * x)) as n from raw)
  select '[' || string_agg(round((x / n)::numeric, 6)::text, ',' order by i) || ']' from raw, norm
$$;

insert into messages_v2 (id, conversation_id, role, type, content, wa_message_id, created_at) values
  (md5('messages_v2/6')::uuid, md5('conversations/maria/1')::uuid, 'user', 'sticker', null, 'wamid.msg.0006', '2025-10-02 08:00+00'),
  (md5('messages_v2/7')::uuid, md5('conversations/juan/1')::uuid, 'user', 'reaction', '👍', 'wamid.msg.0007', '2025-10-02 08:01+00');

insert into user_memory (id, user_id, type, content, embedding, created_at) values
  (md5('user_memory/1')::uuid, md5('users/maria')::uuid, 'fact', 'Paga el arriendo el día 5', pg_temp.embedding(11, 1536)::vector, '2025-09-01 12:00:05+00'),
  (md5('user_memory/2')::uuid, md5('users/maria')::uuid, 'preference', 'Prefiere recordatorios a las 9:00', pg_temp.embedding(12, 1536)::vector, '2025-09-01 12:00:06+00'),
  (md5('user_memory/3')::uuid, md5('users/juan')::uuid, 'conversation', 'Preguntó por el clima en Bogotá', pg_temp.embedding(13, 1536)::vector, null),
  (md5('user_memory/4')::uuid, md5('users/anon')::uuid, 'fact', 'Número de México', null, '2025-09-03 10:00+00');

insert into messaging_windows (id, user_id, phone_number, window_opened_at, window_expires_at, proactive_messages_sent_today,
                               last_proactive_sent_at, created_at, updated_at) values
  (md5('messaging_windows/maria')::uuid, md5('users/maria')::uuid, '+573001112233', '2025-10-02 08:00+00', '2025-10-03 08:00+00', 2,
   '2025-10-02 14:00+00', '2025-09-01 12:00+00', '2025-10-02 14:00+00'),
  (md5('messaging_windows/juan')::uuid, md5('users/juan')::uuid, '+573004445566', '2025-10-02 08:01+00', '2025-10-03 08:01+00', 0,
   null, '2025-09-02 12:00+00', '2025-10-02 08:01+00'),
  (md5('messaging_windows/anon')::uuid, md5('users/anon')::uuid, '+5215512345678', '2025-09-03 10:00+00', '2025-09-04 10:00+00', 1,
   '2025-09-03 11:00+00', '2025-09-03 10:00+00', '2025-09-03 11:00+00');

insert into ai_usage_costs (id, user_id, conversation_id, provider, model, operation, input_tokens, output_tokens, cost_usd, latency_ms, metadata, created_at) values
  (md5('ai_usage_costs/1')::uuid, md5('users/maria')::uuid, md5('conversations/maria/1')::uuid, 'openai', 'gpt-4o-mini', 'chat', 412, 38, 0.000085, 930, '{}', '2025-09-01 12:00:04+00'),
  (md5('ai_usage_costs/2')::uuid, md5('users/maria')::uuid, md5('conversations/maria/1')::uuid, 'openai', 'whisper-1', 'transcription', 0, 0, 0.0006, 2100, '{"seconds": 6}', '2025-09-01 12:01:03+00'),
  (md5('ai_usage_costs/3')::uuid, null, null, 'openai', 'text-embedding-3-small', 'embedding', 9, 0, 0.0000002, null, '{"batch": true}', '2025-09-01 12:00:05+00');

insert into scheduled_messages (id, user_id, conversation_id, content, scheduled_for, status, attempts, sent_at, error_message, created_at, updated_at) values
  (md5('scheduled_messages/1')::uuid, md5('users/maria')::uuid, md5('conversations/maria/1')::uuid, 'Hoy pagas el arriendo', '2025-10-05 14:00+00', 'pending', 0, null, null, '2025-09-01 12:00:04+00', '2025-09-01 12:00:04+00'),
  (md5('scheduled_messages/2')::uuid, md5('users/maria')::uuid, null, 'Recordatorio de prueba', '2025-09-02 14:00+00', 'sent', 1, '2025-09-02 14:00:02+00', null, '2025-09-01 13:00+00', '2025-09-02 14:00:02+00'),
  (md5('scheduled_messages/3')::uuid, md5('users/juan')::uuid, md5('conversations/juan/1')::uuid, 'Lleva paraguas', '2025-09-10 11:00+00', 'failed', 3, null, 'window closed (131047)', '2025-09-09 20:00+00', '2025-09-10 11:05+00');

insert into dead_letter_queue (id, source, user_id, payload, error_message, error_code, attempts, status, next_retry_at, last_attempt_at, resolved_at, created_at, updated_at) values
  (md5('dead_letter_queue/1')::uuid, 'whatsapp_webhook', null, '{"entry": []}', 'invalid signature', '401', 0, 'discarded', null, null, null, '2025-10-06 09:00+00', '2025-10-06 09:00+00'),
  (md5('dead_letter_queue/2')::uuid, 'outbound_message', md5('users/juan')::uuid, '{"to": "+573004445566", "text": "Lleva paraguas"}', 'Re-engagement message', '131047', 2, 'retrying', '2025-10-06 10:00+00', '2025-10-06 09:30+00', null, '2025-10-06 09:00+00', '2025-10-06 09:30+00'),
  (md5('dead_letter_queue/3')::uuid, 'ai_processing', md5('users/maria')::uuid, '{"message": "wamid.msg.0003"}', 'timeout', null, 1, 'resolved', null, '2025-10-06 09:10+00', '2025-10-06 09:20+00', '2025-10-06 09:05+00', '2025-10-06 09:20+00');

insert into whatsapp_flow_sessions (id, user_id, conversation_id, flow_id, flow_token, status, session_data, response_data, expires_at, completed_at, created_at, updated_at) values
  (md5('whatsapp_flow_sessions/1')::uuid, md5('users/maria')::uuid, md5('conversations/maria/1')::uuid, 'flow_booking', 'ft_01', 'completed', '{"step": 3}', '{"date": "2025-10-10"}', '2025-10-02 09:00+00', '2025-10-02 08:30+00', '2025-10-02 08:00+00', '2025-10-02 08:30+00'),
  (md5('whatsapp_flow_sessions/2')::uuid, md5('users/juan')::uuid, null, 'flow_signup', 'ft_02', 'pending', '{}', null, null, null, '2025-10-02 08:00+00', '2025-10-02 08:00+00'),
  (md5('whatsapp_flow_sessions/3')::uuid, md5('users/anon')::uuid, null, 'flow_signup', 'ft_03', 'expired', '{"step": 1}', null, '2025-09-04 10:00+00', null, '2025-09-03 10:00+00', '2025-09-04 10:00+00');

insert into whatsapp_calls (id, user_id, conversation_id, wa_call_id, direction, status, started_at, ended_at, duration_seconds, end_reason, created_at, updated_at) values
  (md5('whatsapp_calls/1')::uuid, md5('users/maria')::uuid, md5('conversations/maria/1')::uuid, 'wacid.0001', 'inbound', 'ended', '2025-10-02 09:00+00', '2025-10-02 09:03+00', 180, 'hangup', '2025-10-02 09:00+00', '2025-10-02 09:03+00'),
  (md5('whatsapp_calls/2')::uuid, md5('users/juan')::uuid, null, 'wacid.0002', 'outbound', 'missed', null, null, null, null, '2025-10-02 10:00+00', '2025-10-02 10:01+00'),
  (md5('whatsapp_calls/3')::uuid, md5('users/maria')::uuid, null, 'wacid.0003', 'inbound', 'rejected', null, null, null, 'busy', '2025-10-03 09:00+00', '2025-10-03 09:00+00');
