-- Rows of MadenAI right after ai_integration: four sign-ups (the seed's on_auth_user_created trigger makes each profile
-- and, for a sign-up with a known ref_code, its referral), their construction projects with budget, schedule,
-- documents and analyses, AI chats with usage, n8n chat memory, and the team's own tables. Ids are md5 of a readable
-- key, timestamps fixed: the trigger's random ref_code, generated ids and now() are overwritten right after each sign-up,
-- so the rows are the same on every build.

insert into auth.users (id, email, phone, raw_user_meta_data, created_at, updated_at) values
  (md5('auth.users/ana')::uuid, 'ana@construtora-lima.com.br', '+5511987650001',
   '{"full_name": "Ana Lima", "avatar_url": "https://cdn.madenai.example/avatars/ana.png"}', '2024-12-02 13:00+00', '2024-12-02 13:00+00');
update user_profiles set ref_code = 'ANALIMA01', phone_number = '+5511987650001', name = 'Ana', preferences = '{"language": "pt-BR", "units": "metric"}',
  credits = 120, created_at = '2024-12-02 13:00+00', updated_at = '2025-01-10 09:00+00'
  where id = md5('auth.users/ana')::uuid;

insert into auth.users (id, email, raw_user_meta_data, created_at, updated_at) values
  (md5('auth.users/bruno')::uuid, 'bruno@reformas-sul.com.br', '{"full_name": "Bruno Souza", "ref_code": "analima01"}', '2024-12-06 18:30+00', '2024-12-06 18:30+00');
update user_profiles set ref_code = 'BRUNOS02', credits = 20, created_at = '2024-12-06 18:30+00', updated_at = '2024-12-06 18:30+00'
  where id = md5('auth.users/bruno')::uuid;

insert into auth.users (id, email, raw_user_meta_data, created_at, updated_at) values
  (md5('auth.users/carla')::uuid, 'carla@arquitetura.example', '{"ref_code": "ANALIMA01"}', '2024-12-08 11:00+00', '2024-12-08 11:00+00');
update user_profiles set ref_code = 'CARLA03', created_at = '2024-12-08 11:00+00', updated_at = '2024-12-08 11:00+00'
  where id = md5('auth.users/carla')::uuid;

insert into auth.users (id, email, raw_user_meta_data, created_at, updated_at) values
  (md5('auth.users/diego')::uuid, null, '{"ref_code": "BRUNOS02"}', '2024-12-14 22:10+00', '2024-12-14 22:10+00');
update user_profiles set ref_code = null, credits = null, created_at = '2024-12-14 22:10+00', updated_at = '2024-12-14 22:10+00'
  where id = md5('auth.users/diego')::uuid;

update user_referrals set id = md5('user_referrals/' || ref_code || '/' || referred_id)::uuid,
  status = case referred_id when md5('auth.users/bruno')::uuid then 'rewarded' when md5('auth.users/carla')::uuid then 'completed' else 'pending' end,
  reward_credits = case referred_id when md5('auth.users/bruno')::uuid then 20 else 0 end,
  created_at = (select u.created_at from auth.users u where u.id = referred_id),
  completed_at = case referred_id when md5('auth.users/diego')::uuid then null else '2024-12-20 12:00+00'::timestamptz end;

insert into projects (id, user_id, name, description, project_type, location, status, start_date, end_date, budget_total, metadata, created_at, updated_at) values
  (md5('projects/casa-alphaville')::uuid, md5('auth.users/ana')::uuid, 'Casa Alphaville', 'Residência térrea, 220 m²', 'residential', 'Barueri, SP', 'active', '2024-12-09', '2025-08-30', 850000.00, '{"area_m2": 220}', '2024-12-03 10:00+00', '2025-01-05 10:00+00'),
  (md5('projects/reforma-loja')::uuid, md5('auth.users/ana')::uuid, 'Reforma Loja Centro', null, 'commercial', null, 'planning', null, null, null, '{}', '2024-12-12 15:00+00', '2024-12-12 15:00+00'),
  (md5('projects/banheiro-bruno')::uuid, md5('auth.users/bruno')::uuid, 'Banheiro suíte', 'Troca de revestimento e louças', 'renovation', 'Porto Alegre, RS', 'completed', '2024-12-07', '2024-12-20', 18500.50, '{"rooms": 1}', '2024-12-06 19:00+00', '2024-12-21 09:00+00');

insert into project_budget_items (id, project_id, category, description, unit, quantity, unit_price, sort_order, created_at, updated_at) values
  (md5('project_budget_items/1')::uuid, md5('projects/casa-alphaville')::uuid, 'Fundação', 'Concreto usinado fck 25', 'm3', 42.5, 520.00, 1, '2024-12-03 10:10+00', '2024-12-03 10:10+00'),
  (md5('project_budget_items/2')::uuid, md5('projects/casa-alphaville')::uuid, 'Alvenaria', 'Bloco cerâmico 14x19x29', 'un', 9800, 2.35, 2, '2024-12-03 10:12+00', '2024-12-04 08:00+00'),
  (md5('project_budget_items/3')::uuid, md5('projects/banheiro-bruno')::uuid, null, 'Mão de obra azulejista', null, 1, 3200.00, 0, '2024-12-06 19:05+00', '2024-12-06 19:05+00');

insert into project_schedule_tasks (id, project_id, parent_task_id, name, description, status, progress, start_date, end_date, sort_order, created_at, updated_at) values
  (md5('project_schedule_tasks/estrutura')::uuid, md5('projects/casa-alphaville')::uuid, null, 'Estrutura', null, 'in_progress', 35, '2024-12-09', '2025-03-15', 1, '2024-12-03 11:00+00', '2025-01-05 10:00+00'),
  (md5('project_schedule_tasks/fundacao')::uuid, md5('projects/casa-alphaville')::uuid, md5('project_schedule_tasks/estrutura')::uuid, 'Fundação', 'Sapatas e baldrames', 'completed', 100, '2024-12-09', '2024-12-28', 1, '2024-12-03 11:01+00', '2024-12-28 17:00+00'),
  (md5('project_schedule_tasks/revestimento')::uuid, md5('projects/banheiro-bruno')::uuid, null, 'Revestimento', null, 'completed', 100, null, null, 0, '2024-12-06 19:06+00', '2024-12-20 17:00+00');

insert into project_documents (id, project_id, uploaded_by, name, storage_path, mime_type, size_bytes, document_type, extracted_text, created_at, updated_at) values
  (md5('project_documents/planta')::uuid, md5('projects/casa-alphaville')::uuid, md5('auth.users/ana')::uuid, 'Planta baixa rev3.pdf', 'projects/casa-alphaville/planta-rev3.pdf', 'application/pdf', 2483021, 'plan', 'PLANTA BAIXA - TÉRREO - ESC 1:50', '2024-12-03 12:00+00', '2024-12-03 12:00+00'),
  (md5('project_documents/contrato')::uuid, md5('projects/casa-alphaville')::uuid, md5('auth.users/ana')::uuid, 'Contrato empreiteira.pdf', 'projects/casa-alphaville/contrato.pdf', 'application/pdf', 512000, 'contract', null, '2024-12-05 12:00+00', '2024-12-05 12:00+00'),
  (md5('project_documents/foto')::uuid, md5('projects/banheiro-bruno')::uuid, null, 'antes.jpg', 'projects/banheiro-bruno/antes.jpg', null, null, 'photo', null, '2024-12-07 08:00+00', '2024-12-07 08:00+00');

insert into project_analyses (id, project_id, created_by, analysis_type, status, model, input, result, error_message, created_at, completed_at) values
  (md5('project_analyses/1')::uuid, md5('projects/casa-alphaville')::uuid, md5('auth.users/ana')::uuid, 'budget', 'completed', 'gpt-4o', '{"items": 2}', '{"total": 45131.0, "warnings": []}', null, '2024-12-04 09:00+00', '2024-12-04 09:00:12+00'),
  (md5('project_analyses/2')::uuid, md5('projects/casa-alphaville')::uuid, md5('auth.users/ana')::uuid, 'document', 'failed', 'gpt-4o', '{"document": "planta"}', null, 'timeout after 60s', '2024-12-04 09:05+00', null),
  (md5('project_analyses/3')::uuid, md5('projects/banheiro-bruno')::uuid, null, 'schedule', 'pending', null, '{}', null, null, '2024-12-14 10:00+00', null);

insert into ai_conversations (id, customer_id, session_id, visitor_id, user_id, channel, wa_conversation_id, status, created_at, updated_at) values
  (md5('ai_conversations/ana/1')::uuid, null, null, null, md5('auth.users/ana')::uuid, 'web', null, 'active', '2024-12-16 10:00+00', '2024-12-16 10:05+00'),
  (md5('ai_conversations/ana/2')::uuid, null, 'sess-7f3a', null, md5('auth.users/ana')::uuid, 'web', null, 'archived', '2024-12-17 14:00+00', '2024-12-18 09:00+00'),
  (md5('ai_conversations/bruno/1')::uuid, null, null, null, md5('auth.users/bruno')::uuid, 'web', null, 'closed', '2024-12-18 20:00+00', '2024-12-18 20:10+00');

insert into project_conversations (id, project_id, conversation_id, created_at) values
  (md5('project_conversations/1')::uuid, md5('projects/casa-alphaville')::uuid, md5('ai_conversations/ana/1')::uuid, '2024-12-16 10:00+00'),
  (md5('project_conversations/2')::uuid, md5('projects/reforma-loja')::uuid, md5('ai_conversations/ana/2')::uuid, '2024-12-17 14:00+00'),
  (md5('project_conversations/3')::uuid, md5('projects/banheiro-bruno')::uuid, md5('ai_conversations/bruno/1')::uuid, '2024-12-18 20:00+00');

insert into ai_messages (id, conversation_id, role, content, metadata, wa_message_id, created_at) values
  (md5('ai_messages/1')::uuid, md5('ai_conversations/ana/1')::uuid, 'user', 'Quantos blocos preciso para 180 m² de parede?', '{}', null, '2024-12-16 10:00+00'),
  (md5('ai_messages/2')::uuid, md5('ai_conversations/ana/1')::uuid, 'assistant', 'Cerca de 2.430 blocos 14x19x29, com 5% de perda.', '{"model": "gpt-4o"}', null, '2024-12-16 10:00:06+00'),
  (md5('ai_messages/3')::uuid, md5('ai_conversations/ana/2')::uuid, 'user', null, '{"attachment": "planta-rev3.pdf"}', null, '2024-12-17 14:00+00'),
  (md5('ai_messages/4')::uuid, md5('ai_conversations/bruno/1')::uuid, 'system', 'Você é o assistente de obras da MadenAI.', '{}', null, '2024-12-18 20:00+00');

insert into ai_message_usage (id, user_id, conversation_id, message_id, model, prompt_tokens, completion_tokens, cost_usd, created_at) values
  (md5('ai_message_usage/1')::uuid, md5('auth.users/ana')::uuid, md5('ai_conversations/ana/1')::uuid, md5('ai_messages/2')::uuid, 'gpt-4o', 412, 96, 0.002990, '2024-12-16 10:00:06+00'),
  (md5('ai_message_usage/2')::uuid, md5('auth.users/ana')::uuid, md5('ai_conversations/ana/2')::uuid, null, 'gpt-4o-mini', 1800, 0, 0.000270, '2024-12-17 14:00:03+00'),
  (md5('ai_message_usage/3')::uuid, md5('auth.users/bruno')::uuid, null, null, 'gpt-4o-mini', 0, 0, 0, '2024-12-18 20:00:01+00');

insert into ai_usage_metrics (id, user_id, period_date, model, request_count, total_tokens, cost_usd, created_at, updated_at) values
  (md5('ai_usage_metrics/ana/2024-12-16')::uuid, md5('auth.users/ana')::uuid, '2024-12-16', 'gpt-4o', 1, 508, 0.002990, '2024-12-16 10:00:06+00', '2024-12-16 10:00:06+00'),
  (md5('ai_usage_metrics/ana/2024-12-17')::uuid, md5('auth.users/ana')::uuid, '2024-12-17', 'all', 1, 1800, 0.000270, '2024-12-17 14:00:03+00', '2024-12-17 23:59+00'),
  (md5('ai_usage_metrics/bruno/2024-12-18')::uuid, md5('auth.users/bruno')::uuid, '2024-12-18', 'gpt-4o-mini', 0, 0, 0, '2024-12-18 20:00:01+00', '2024-12-18 20:00:01+00');

insert into n8n_chat_histories (session_id, message, created_at) values
  ('whatsapp:+5511987650001', '{"type": "human", "data": {"content": "Qual o prazo da fundação?"}}', '2024-12-19 08:00+00'),
  ('whatsapp:+5511987650001', '{"type": "ai", "data": {"content": "A fundação termina em 28/12."}}', '2024-12-19 08:00:05+00'),
  ('web:sess-7f3a', '{"type": "human", "data": {"content": "oi"}}', '2024-12-19 09:00+00');

insert into project_daily_logs (id, project_id, author_id, log_date, weather, workers_on_site, notes, created_at) values
  (md5('project_daily_logs/casa/2024-12-09')::uuid, md5('projects/casa-alphaville')::uuid, md5('auth.users/ana')::uuid, '2024-12-09', 'ensolarado', 6, 'Início da escavação das sapatas.', '2024-12-09 18:00+00'),
  (md5('project_daily_logs/casa/2024-12-10')::uuid, md5('projects/casa-alphaville')::uuid, md5('auth.users/ana')::uuid, '2024-12-10', 'chuva', 0, 'Obra parada pela chuva.', '2024-12-10 18:00+00'),
  (md5('project_daily_logs/banheiro/2024-12-07')::uuid, md5('projects/banheiro-bruno')::uuid, null, '2024-12-07', null, null, 'Demolição do piso antigo.', '2024-12-07 19:00+00');

insert into landing_leads (name, email, phone, company_size, message, utm_source, created_at) values
  ('Construtora Horizonte', 'contato@horizonte.example', '+5531988887777', '11-50', 'Queremos uma demonstração.', 'google', '2024-12-11 12:00+00'),
  ('Marcos', 'marcos@gmail.example', null, null, null, null, '2024-12-13 12:00+00'),
  ('Obras Rápidas', 'obras@rapidas.example', '+5521977776666', '1-10', 'Preço do plano PRO?', 'instagram', '2024-12-15 12:00+00');
