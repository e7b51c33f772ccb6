-- Rows of migue.ai right after 001_optimize_rls_indexes: three bot users (one without a name or preferences), their
-- conversations and messages. Ids are md5 of a readable key, timestamps fixed: the same rows on every build.
insert into users (id, phone_number, name, preferences, updated_at) values
  (md5('users/maria')::uuid, '+573001112233', 'María', '{"language": "es", "timezone": "America/Bogota"}', '2025-09-01 12:00+00'),
  (md5('users/juan')::uuid, '+573004445566', 'Juan', '{}', '2025-09-02 12:00+00'),
  (md5('users/anon')::uuid, '+5215512345678', null, null, null);

insert into conversations (id, user_id, wa_conversation_id, channel, status, created_at, updated_at) values
  (md5('conversations/maria/1')::uuid, md5('users/maria')::uuid, 'wamid.conv.0001', 'whatsapp', 'active', '2025-09-01 12:00+00', '2025-09-01 12:05+00'),
  (md5('conversations/maria/2')::uuid, md5('users/maria')::uuid, null, null, 'archived', '2025-08-01 12:00+00', null),
  (md5('conversations/juan/1')::uuid, md5('users/juan')::uuid, 'wamid.conv.0002', 'whatsapp', null, null, null);

insert into messages_v2 (id, conversation_id, role, type, content, wa_message_id, created_at) values
  (md5('messages_v2/1')::uuid, md5('conversations/maria/1')::uuid, 'user', 'text', 'Recuérdame pagar el arriendo el 5', 'wamid.msg.0001', '2025-09-01 12:00+00'),
  (md5('messages_v2/2')::uuid, md5('conversations/maria/1')::uuid, 'assistant', 'text', 'Listo, te recuerdo el 5 a las 9:00.', 'wamid.msg.0002', '2025-09-01 12:00:04+00'),
  (md5('messages_v2/3')::uuid, md5('conversations/maria/1')::uuid, 'user', 'audio', null, 'wamid.msg.0003', '2025-09-01 12:01+00'),
  (md5('messages_v2/4')::uuid, md5('conversations/juan/1')::uuid, 'user', 'location', '{"lat": 4.711, "lng": -74.072}', null, null),
  (md5('messages_v2/5')::uuid, md5('conversations/maria/2')::uuid, null, null, 'sin tipo', null, '2025-08-01 12:00+00');

insert into broadcast_opt_outs (phone_number, reason, opted_out_at) values
  ('+573009998877', 'STOP', '2025-08-15 10:00+00'),
  ('+5215512345678', null, '2025-09-03 10:00+00'),
  ('+34600111222', 'wrong number', '2025-07-01 10:00+00');
