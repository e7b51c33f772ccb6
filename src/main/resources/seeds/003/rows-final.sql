-- Rows of MadenAI's later migrations (gamification_v1 to alerts_system), on top of rows-after-ai_integration.sql:
-- points and achievements, admins, CRM, analytics, audit and security logs, e-mail, billing and alerts. Ids are md5 of
-- a readable key, timestamps fixed; nulls where the columns allow them.

insert into achievements (id, code, name, description, category, icon, points, criteria, is_active, created_at, updated_at) values
  (md5('achievements/first-project')::uuid, 'FIRST_PROJECT', 'Primeira obra', 'Criou o primeiro projeto', 'projects', 'hammer', 50, '{"projects": 1}', true, '2024-12-20 09:00+00', '2024-12-20 09:00+00'),
  (md5('achievements/budget-master')::uuid, 'BUDGET_MASTER', 'Mestre do orçamento', null, 'budget', null, 200, '{"budget_items": 50}', true, '2024-12-20 09:00+00', '2024-12-20 09:00+00'),
  (md5('achievements/beta')::uuid, 'BETA_TESTER', 'Beta tester', 'Usou a versão beta', null, null, 0, '{}', false, '2024-12-20 09:00+00', '2025-01-02 09:00+00');

insert into user_gamification (id, user_id, total_points, level, current_streak, longest_streak, last_activity_at, created_at, updated_at) values
  (md5('user_gamification/ana')::uuid, md5('auth.users/ana')::uuid, 250, 2, 4, 9, '2025-01-20 08:00+00', '2024-12-20 10:00+00', '2025-01-20 08:00+00'),
  (md5('user_gamification/bruno')::uuid, md5('auth.users/bruno')::uuid, 50, 1, 0, 2, '2024-12-21 09:00+00', '2024-12-21 09:00+00', '2024-12-21 09:00+00'),
  (md5('user_gamification/carla')::uuid, md5('auth.users/carla')::uuid, 0, 1, 0, 0, null, '2024-12-22 09:00+00', '2024-12-22 09:00+00');

insert into gamification_logs (id, user_id, achievement_id, points, reason, level_before, level_after, metadata, created_at) values
  (md5('gamification_logs/1')::uuid, md5('auth.users/ana')::uuid, md5('achievements/first-project')::uuid, 50, 'achievement', 1, 1, '{}', '2024-12-20 10:00+00'),
  (md5('gamification_logs/2')::uuid, md5('auth.users/ana')::uuid, md5('achievements/budget-master')::uuid, 200, 'achievement', 1, 2, '{"items": 51}', '2025-01-20 08:00+00'),
  (md5('gamification_logs/3')::uuid, md5('auth.users/bruno')::uuid, null, 50, 'referral bonus', 1, 1, '{"referrer": "ANALIMA01"}', '2024-12-21 09:00+00');

insert into admin_permissions (id, role, permission, description, created_at) values
  (md5('admin_permissions/super_admin/all')::uuid, 'super_admin', 'manage_all', 'Todas as permissões', '2024-12-25 12:00+00'),
  (md5('admin_permissions/admin/users')::uuid, 'admin', 'manage_users', null, '2024-12-25 12:00+00'),
  (md5('admin_permissions/moderator/chats')::uuid, 'moderator', 'view_chats', 'Ler conversas denunciadas', '2024-12-25 12:00+00');

insert into admin_users (id, user_id, role, is_active, granted_by, created_at, updated_at) values
  (md5('admin_users/ana')::uuid, md5('auth.users/ana')::uuid, 'super_admin', true, null, '2024-12-25 12:00+00', '2024-12-25 12:00+00'),
  (md5('admin_users/carla')::uuid, md5('auth.users/carla')::uuid, 'moderator', true, md5('auth.users/ana')::uuid, '2024-12-26 12:00+00', '2024-12-26 12:00+00'),
  (md5('admin_users/diego')::uuid, md5('auth.users/diego')::uuid, 'admin', false, md5('auth.users/ana')::uuid, '2024-12-27 12:00+00', '2025-01-03 12:00+00');

insert into crm_clients (id, owner_id, name, email, phone, company, tax_id, status, notes, metadata, created_at, updated_at) values
  (md5('crm_clients/silva')::uuid, md5('auth.users/ana')::uuid, 'Família Silva', 'silva@example.com', '+5511912340000', null, '123.456.789-09', 'active', 'Casa em Alphaville', '{}', '2025-01-05 10:00+00', '2025-01-05 10:00+00'),
  (md5('crm_clients/padaria')::uuid, md5('auth.users/ana')::uuid, 'Padaria Central', null, null, 'Padaria Central Ltda', '12.345.678/0001-95', 'lead', null, '{"source": "indicação"}', '2025-01-06 10:00+00', '2025-01-06 10:00+00'),
  (md5('crm_clients/costa')::uuid, md5('auth.users/bruno')::uuid, 'João Costa', 'joao@example.com', null, null, null, 'lost', null, '{}', '2025-01-07 10:00+00', '2025-01-09 10:00+00');

insert into crm_projects (id, client_id, owner_id, project_id, name, description, status, budget, start_date, end_date, created_at, updated_at) values
  (md5('crm_projects/silva-casa')::uuid, md5('crm_clients/silva')::uuid, md5('auth.users/ana')::uuid, md5('projects/casa-alphaville')::uuid, 'Casa Alphaville', null, 'active', 850000.00, '2024-12-09', '2025-08-30', '2025-01-05 10:05+00', '2025-01-05 10:05+00'),
  (md5('crm_projects/padaria-reforma')::uuid, md5('crm_clients/padaria')::uuid, md5('auth.users/ana')::uuid, null, 'Reforma da padaria', 'Balcão e cozinha', 'proposal', 120000.00, null, null, '2025-01-06 10:05+00', '2025-01-06 10:05+00'),
  (md5('crm_projects/costa-muro')::uuid, md5('crm_clients/costa')::uuid, md5('auth.users/bruno')::uuid, null, 'Muro', null, 'cancelled', null, null, null, '2025-01-07 10:05+00', '2025-01-09 10:00+00');

insert into user_analytics_enhanced (id, user_id, activity_date, sessions_count, messages_sent, time_spent_seconds, features_used, engagement_score, created_at, updated_at) values
  (md5('user_analytics_enhanced/ana/2025-01-10')::uuid, md5('auth.users/ana')::uuid, '2025-01-10', 3, 12, 1800, '{"chat": 12, "budget": 2}', 46.00, '2025-01-10 23:00+00', '2025-01-10 23:00+00'),
  (md5('user_analytics_enhanced/ana/2025-01-11')::uuid, md5('auth.users/ana')::uuid, '2025-01-11', 1, 0, 120, '{}', 6.00, '2025-01-11 23:00+00', '2025-01-11 23:00+00'),
  (md5('user_analytics_enhanced/bruno/2025-01-10')::uuid, md5('auth.users/bruno')::uuid, '2025-01-10', 0, 0, 0, '{}', 0, '2025-01-10 23:00+00', '2025-01-10 23:00+00');

insert into user_login_history (id, user_id, login_at, login_method, success, failure_reason, ip_address, user_agent) values
  (md5('user_login_history/1')::uuid, md5('auth.users/ana')::uuid, '2025-01-10 08:00+00', 'password', true, null, '189.40.10.1', 'Mozilla/5.0 (iPhone)'),
  (md5('user_login_history/2')::uuid, md5('auth.users/bruno')::uuid, '2025-01-10 09:00+00', 'magic_link', false, 'link expired', null, null),
  (md5('user_login_history/3')::uuid, md5('auth.users/bruno')::uuid, '2025-01-10 09:02+00', 'oauth', true, null, '200.150.3.7', 'Mozilla/5.0 (Windows NT 10.0)');

insert into admin_audit_logs (id, admin_id, action, target_type, target_id, details, ip_address, user_agent, created_at) values
  (md5('admin_audit_logs/1')::uuid, md5('auth.users/ana')::uuid, 'user.grant_admin', 'user', md5('auth.users/carla')::uuid::text, '{"role": "moderator"}', '189.40.10.1', null, '2025-01-15 10:00+00'),
  (md5('admin_audit_logs/2')::uuid, md5('auth.users/ana')::uuid, 'coupon.create', 'coupon', 'LANCAMENTO30', '{}', null, null, '2025-01-22 10:00+00'),
  (md5('admin_audit_logs/3')::uuid, null, 'system.cleanup', null, null, '{"removed": 0}', null, 'pg_cron', '2025-01-16 03:00+00');

insert into admin_security_logs (id, user_id, event_type, severity, details, ip_address, user_agent, created_at) values
  (md5('admin_security_logs/1')::uuid, md5('auth.users/ana')::uuid, 'admin.login', 'info', '{}', '189.40.10.1', 'Mozilla/5.0 (iPhone)', '2025-01-15 09:59+00'),
  (md5('admin_security_logs/2')::uuid, md5('auth.users/diego')::uuid, 'admin.denied', 'warning', '{"reason": "inactive admin"}', '45.12.8.9', null, '2025-01-16 02:00+00'),
  (md5('admin_security_logs/3')::uuid, null, 'rls.bypass_attempt', 'critical', '{"path": "/rest/v1/admin_users"}', null, null, '2025-01-17 02:00+00');

insert into admin_impersonation_logs (id, admin_id, target_user_id, reason, started_at, expires_at, ended_at, ip_address) values
  (md5('admin_impersonation_logs/1')::uuid, md5('auth.users/ana')::uuid, md5('auth.users/bruno')::uuid, 'Suporte: orçamento não carrega', '2025-01-18 14:00+00', '2025-01-18 15:00+00', '2025-01-18 14:20+00', '189.40.10.1'),
  (md5('admin_impersonation_logs/2')::uuid, md5('auth.users/ana')::uuid, md5('auth.users/carla')::uuid, 'Suporte: upload de planta', '2025-01-19 10:00+00', '2025-01-19 11:00+00', null, null),
  (md5('admin_impersonation_logs/3')::uuid, md5('auth.users/carla')::uuid, null, 'Conta removida', '2025-01-20 10:00+00', '2025-01-20 10:30+00', '2025-01-20 10:05+00', null);

insert into email_templates (id, name, subject, html_body, text_body, variables, category, is_active, created_by, created_at, updated_at) values
  (md5('email_templates/welcome')::uuid, 'welcome', 'Bem-vindo à MadenAI', '<h1>Olá {{name}}</h1>', 'Olá {{name}}', '{name}', 'onboarding', true, md5('auth.users/ana')::uuid, '2025-01-20 10:00+00', '2025-01-20 10:00+00'),
  (md5('email_templates/invoice')::uuid, 'invoice', 'Sua fatura {{month}}', '<p>Valor: {{amount}}</p>', null, '{month,amount}', 'billing', true, null, '2025-01-20 10:00+00', '2025-01-22 10:00+00'),
  (md5('email_templates/old-promo')::uuid, 'old_promo', 'Promoção de Natal', '<p>30% off</p>', null, '{}', null, false, null, '2025-01-20 10:00+00', '2025-01-20 10:00+00');

insert into email_logs (id, template_id, user_id, to_email, subject, status, provider, provider_message_id, error_message, metadata, sent_at, created_at) values
  (md5('email_logs/1')::uuid, md5('email_templates/welcome')::uuid, md5('auth.users/ana')::uuid, 'ana@construtora-lima.com.br', 'Bem-vindo à MadenAI', 'opened', 'resend', 're_0001', null, '{}', '2025-01-20 10:01+00', '2025-01-20 10:01+00'),
  (md5('email_logs/2')::uuid, md5('email_templates/invoice')::uuid, md5('auth.users/bruno')::uuid, 'bruno@reformas-sul.com.br', 'Sua fatura janeiro', 'bounced', 'resend', 're_0002', 'mailbox full', '{"month": "janeiro"}', '2025-01-22 10:01+00', '2025-01-22 10:00+00'),
  (md5('email_logs/3')::uuid, null, null, 'contato@horizonte.example', 'Demonstração MadenAI', 'queued', null, null, null, '{}', null, '2025-01-21 10:00+00');

insert into user_plans (id, user_id, plan, billing_cycle, status, messages_quota, messages_used, current_period_start, current_period_end, cancel_at_period_end, created_at, updated_at) values
  (md5('user_plans/ana')::uuid, md5('auth.users/ana')::uuid, 'PRO', 'anual', 'active', 5000, 812, '2025-01-22 00:00+00', '2026-01-22 00:00+00', false, '2025-01-22 10:00+00', '2025-01-22 10:00+00'),
  (md5('user_plans/bruno')::uuid, md5('auth.users/bruno')::uuid, 'BASIC', 'mensal', 'past_due', 500, 500, '2025-01-22 00:00+00', '2025-02-22 00:00+00', true, '2025-01-22 10:00+00', '2025-01-23 10:00+00'),
  (md5('user_plans/carla')::uuid, md5('auth.users/carla')::uuid, 'FREE', null, 'active', 50, 3, null, null, false, '2025-01-22 10:00+00', '2025-01-22 10:00+00');

insert into coupons (id, code, description, discount_type, discount_value, plan, valid_from, valid_until, max_redemptions, redemptions_count, is_active, created_at, updated_at) values
  (md5('coupons/lancamento30')::uuid, 'LANCAMENTO30', 'Lançamento: 30% no primeiro ano', 'percent', 30, 'PRO', '2025-01-22 00:00+00', '2025-03-31 23:59+00', 100, 1, true, '2025-01-22 10:00+00', '2025-01-22 10:00+00'),
  (md5('coupons/obra50')::uuid, 'OBRA50', null, 'fixed', 50.00, null, '2025-01-22 00:00+00', null, null, 0, true, '2025-01-22 10:00+00', '2025-01-22 10:00+00'),
  (md5('coupons/natal')::uuid, 'NATAL24', 'Natal 2024', 'percent', 20, 'BASIC', '2024-12-01 00:00+00', '2024-12-31 23:59+00', 10, 10, false, '2025-01-22 10:00+00', '2025-01-22 10:00+00');

insert into payments (id, user_id, amount, currency, status, provider, provider_payment_id, plan, billing_cycle, coupon_id, paid_at, metadata, created_at, updated_at) values
  (md5('payments/ana/1')::uuid, md5('auth.users/ana')::uuid, 1258.60, 'BRL', 'paid', 'stripe', 'pi_3QkA01', 'PRO', 'anual', md5('coupons/lancamento30')::uuid, '2025-01-22 10:02+00', '{}', '2025-01-22 10:01+00', '2025-01-22 10:02+00'),
  (md5('payments/bruno/1')::uuid, md5('auth.users/bruno')::uuid, 49.90, 'BRL', 'failed', 'mercadopago', 'mp_998877', 'BASIC', 'mensal', null, null, '{"error": "cc_rejected_insufficient_amount"}', '2025-01-23 10:00+00', '2025-01-23 10:00+00'),
  (md5('payments/bruno/2')::uuid, md5('auth.users/bruno')::uuid, 49.90, 'BRL', 'paid', 'mercadopago', 'mp_998878', 'BASIC', 'mensal', null, '2025-01-22 09:00+00', '{}', '2025-01-22 09:00+00', '2025-01-22 09:00+00');

insert into user_payments (id, user_id, payment_id, user_plan_id, plan, billing_cycle, period_start, period_end, created_at) values
  (md5('user_payments/ana/1')::uuid, md5('auth.users/ana')::uuid, md5('payments/ana/1')::uuid, md5('user_plans/ana')::uuid, 'PRO', 'anual', '2025-01-22 00:00+00', '2026-01-22 00:00+00', '2025-01-22 10:02+00'),
  (md5('user_payments/bruno/2')::uuid, md5('auth.users/bruno')::uuid, md5('payments/bruno/2')::uuid, md5('user_plans/bruno')::uuid, 'BASIC', 'mensal', '2025-01-22 00:00+00', '2025-02-22 00:00+00', '2025-01-22 09:00+00'),
  (md5('user_payments/bruno/1')::uuid, null, md5('payments/bruno/1')::uuid, null, 'BASIC', 'mensal', '2024-12-22 00:00+00', '2025-01-22 00:00+00', '2025-01-23 10:00+00');

insert into alert_configurations (id, name, description, metric, condition, threshold, window_minutes, channels, recipients, is_active, created_by, created_at, updated_at) values
  (md5('alert_configurations/ai-cost')::uuid, 'Custo de IA alto', 'Gasto de IA por hora acima de US$ 5', 'ai_cost_usd_hour', 'gt', 5, 60, '{email,slack}', '{ops@madenai.com}', true, md5('auth.users/ana')::uuid, '2025-01-25 10:00+00', '2025-01-25 10:00+00'),
  (md5('alert_configurations/errors')::uuid, 'Erros 5xx', null, 'http_5xx_count', 'gte', 10, 5, '{email}', '{}', true, null, '2025-01-25 10:00+00', '2025-01-25 10:00+00'),
  (md5('alert_configurations/signups')::uuid, 'Sem cadastros', 'Nenhum cadastro em 24h', 'signups_count', 'lt', 1, 1440, '{email}', '{growth@madenai.com}', false, null, '2025-01-25 10:00+00', '2025-01-25 10:00+00');

insert into alert_logs (id, alert_configuration_id, triggered_at, metric_value, message, status, acknowledged_by, resolved_at) values
  (md5('alert_logs/1')::uuid, md5('alert_configurations/ai-cost')::uuid, '2025-01-26 15:00+00', 7.42, 'Custo de IA: US$ 7,42 na última hora', 'resolved', md5('auth.users/ana')::uuid, '2025-01-26 16:00+00'),
  (md5('alert_logs/2')::uuid, md5('alert_configurations/errors')::uuid, '2025-01-27 03:05+00', 12, null, 'acknowledged', md5('auth.users/carla')::uuid, null),
  (md5('alert_logs/3')::uuid, md5('alert_configurations/errors')::uuid, '2025-01-28 03:05+00', null, null, 'triggered', null, null);

insert into chat_access_logs (id, conversation_id, accessed_by, access_type, reason, ip_address, user_agent, created_at) values
  (md5('chat_access_logs/1')::uuid, md5('ai_conversations/bruno/1')::uuid, md5('auth.users/carla')::uuid, 'admin_view', 'Denúncia de conteúdo', '177.10.1.2', null, '2025-01-26 10:00+00'),
  (md5('chat_access_logs/2')::uuid, md5('ai_conversations/ana/1')::uuid, md5('auth.users/ana')::uuid, 'export', null, null, null, '2025-01-26 11:00+00'),
  (md5('chat_access_logs/3')::uuid, null, null, 'view', null, null, null, '2025-01-27 11:00+00');
