-- Rows of a running Omniops project: three accounts, three tenant sites (one inactive), their crawled content,
-- chats and tickets. Ids are md5 of a readable key, timestamps fixed: the same rows, and fingerprints, on every build.
-- Nulls where the seed allows them. Embeddings are unit vectors of the seed's 1536 dimensions, as OpenAI's are.

create function pg_temp.embedding(seed integer, dims integer) returns text language sql immutable as $$
  with raw as (select i, sin(seed * 7919 + i * 104729.0) as x from generate_series(1, dims) i),
       norm as (select sqrt(sum(x * x)) as n from raw)
  select '[' || string_agg(round((x / n)::numeric, 6)::text, ',' order by i) || ']' from raw, norm
$$;

insert into auth.users (id, email, created_at, updated_at) values
  (md5('auth.users/alice')::uuid, 'alice@acme-shop.example', '2025-01-10 09:00+00', '2025-01-10 09:00+00'),
  (md5('auth.users/bob')::uuid, 'bob@bikes.example', '2025-02-01 10:00+00', '2025-02-01 10:00+00'),
  (md5('auth.users/carol')::uuid, 'carol@agency.example', '2025-03-05 11:00+00', '2025-03-05 11:00+00');

insert into customers (id, auth_user_id, email, name, company_name, created_at, updated_at) values
  (md5('customers/alice')::uuid, md5('auth.users/alice')::uuid, 'alice@acme-shop.example', 'Alice Martin', 'Acme Shop', '2025-01-10 09:05+00', '2025-01-10 09:05+00'),
  (md5('customers/bob')::uuid, md5('auth.users/bob')::uuid, 'bob@bikes.example', 'Bob Stone', null, '2025-02-01 10:05+00', '2025-04-01 08:00+00'),
  (md5('customers/legacy')::uuid, null, 'owner@legacy-store.example', null, 'Legacy Store', null, null);

insert into customer_configs (id, customer_id, domain, business_name, business_description, primary_color, welcome_message,
                              suggested_questions, woocommerce_url, encrypted_credentials, owned_domains, rate_limit,
                              allowed_origins, active, created_at, updated_at) values
  (md5('customer_configs/acme')::uuid, md5('customers/alice')::uuid, 'acme-shop.example', 'Acme Shop', 'Kitchenware and tools',
   '#1a73e8', 'Hi! How can we help?', '["Where is my order?", "Do you ship abroad?"]', 'https://acme-shop.example',
   '{"woocommerce": {"consumer_key": "enc:v1:9f2c", "consumer_secret": "enc:v1:77ab"}}', '{acme-shop.example,shop.acme.example}', 20,
   '{https://acme-shop.example}', true, '2025-01-10 09:10+00', '2025-05-02 12:00+00'),
  (md5('customer_configs/bikes')::uuid, md5('customers/bob')::uuid, 'bikes.example', 'Bob''s Bikes', null,
   '#000000', null, '[]', null, null, '{}', 10, '{*}', true, '2025-02-01 10:10+00', '2025-02-01 10:10+00'),
  (md5('customer_configs/legacy')::uuid, md5('customers/legacy')::uuid, 'legacy-store.example', 'Legacy Store', 'Closed in 2024',
   '#fff', 'We are closed.', '[]', null, null, '{}', 5, '{*}', false, null, null);

insert into domains (id, customer_id, domain) values
  (md5('domains/acme')::uuid, md5('customer_configs/acme')::uuid, 'acme-shop.example'),
  (md5('domains/acme-shop')::uuid, md5('customer_configs/acme')::uuid, 'shop.acme.example'),
  (md5('domains/bikes')::uuid, md5('customer_configs/bikes')::uuid, 'bikes.example'),
  (md5('domains/orphan')::uuid, null, null);

insert into scraped_pages (id, customer_id, url, title, content, metadata, last_scraped_at, created_at, domain) values
  (md5('scraped_pages/acme/home')::uuid, md5('customer_configs/acme')::uuid, 'https://acme-shop.example/', 'Acme Shop',
   'Welcome to Acme Shop. Free shipping over 50 EUR.', '{"status": 200}', '2025-05-01 03:00+00', '2025-01-11 03:00+00', 'acme-shop.example'),
  (md5('scraped_pages/acme/shipping')::uuid, md5('customer_configs/acme')::uuid, 'https://acme-shop.example/shipping', 'Shipping',
   'We ship to the EU and the UK within 3 working days.', '{"status": 200, "lang": "en"}', '2025-05-01 03:01+00', '2025-01-11 03:01+00', 'acme-shop.example'),
  (md5('scraped_pages/acme/knife')::uuid, md5('customer_configs/acme')::uuid, 'https://shop.acme.example/p/chef-knife', 'Chef knife 20 cm',
   'Forged steel chef knife, 20 cm blade. 49.90 EUR.', null, null, '2025-03-01 03:00+00', 'shop.acme.example'),
  (md5('scraped_pages/bikes/home')::uuid, md5('customer_configs/bikes')::uuid, 'https://bikes.example/', 'Bob''s Bikes',
   'Repairs and rentals.', '{}', '2025-04-20 03:00+00', '2025-02-02 03:00+00', null),
  (md5('scraped_pages/none')::uuid, null, 'https://example.org/unassigned', null, null, null, null, null, null);

insert into page_embeddings (id, page_id, chunk_text, embedding, metadata, created_at) values
  (md5('page_embeddings/1')::uuid, md5('scraped_pages/acme/home')::uuid, 'Welcome to Acme Shop. Free shipping over 50 EUR.',
   pg_temp.embedding(1, 1536)::vector, '{"chunk": 0}', '2025-05-01 03:05+00'),
  (md5('page_embeddings/2')::uuid, md5('scraped_pages/acme/shipping')::uuid, 'We ship to the EU and the UK within 3 working days.',
   pg_temp.embedding(2, 1536)::vector, '{"chunk": 0}', '2025-05-01 03:05+00'),
  (md5('page_embeddings/3')::uuid, md5('scraped_pages/acme/knife')::uuid, 'Forged steel chef knife, 20 cm blade.',
   pg_temp.embedding(3, 1536)::vector, '{"chunk": 0, "model": "text-embedding-3-small"}', '2025-03-01 03:05+00'),
  (md5('page_embeddings/4')::uuid, md5('scraped_pages/bikes/home')::uuid, 'Repairs and rentals.',
   pg_temp.embedding(4, 1536)::vector, null, '2025-04-20 03:05+00'),
  (md5('page_embeddings/5')::uuid, md5('scraped_pages/bikes/home')::uuid, 'not embedded yet', null, null, null);

insert into website_content (id, domain_id, url, title, content, content_hash, metadata, is_active, created_at, updated_at) values
  (md5('website_content/acme/home')::uuid, md5('domains/acme')::uuid, 'https://acme-shop.example/', 'Acme Shop',
   'Welcome to Acme Shop.', md5('Welcome to Acme Shop.'), '{"source": "crawler"}', true, '2025-01-11 03:00+00', '2025-05-01 03:00+00'),
  (md5('website_content/acme/knife')::uuid, md5('domains/acme-shop')::uuid, 'https://shop.acme.example/p/chef-knife', 'Chef knife 20 cm',
   'Forged steel chef knife.', md5('Forged steel chef knife.'), null, true, '2025-03-01 03:00+00', '2025-03-01 03:00+00'),
  (md5('website_content/bikes/old')::uuid, md5('domains/bikes')::uuid, 'https://bikes.example/winter-sale', 'Winter sale',
   'Gone.', null, null, false, '2024-12-01 03:00+00', null),
  (md5('website_content/none')::uuid, null, 'https://example.org/unassigned', null, null, null, null, true, null, null);

insert into ai_optimized_content (id, domain_id, source_content_id, url, content_type, raw_content, raw_html, optimized_title,
                                  optimized_summary, optimized_content, key_points, topics, meta_title, meta_description, keywords,
                                  structured_data, readability_score, content_quality_score, created_at, updated_at) values
  (md5('ai_optimized_content/knife')::uuid, md5('domains/acme-shop')::uuid, md5('website_content/acme/knife')::uuid,
   'https://shop.acme.example/p/chef-knife', 'product', 'Forged steel chef knife.', '<h1>Chef knife</h1>', 'Chef knife, 20 cm',
   'A forged steel chef knife.', 'Forged steel, 20 cm blade, 49.90 EUR.', '["forged steel", "20 cm"]', '["knives"]',
   'Chef knife 20 cm | Acme', 'Forged steel chef knife.', '{knife,kitchen}', '{"@type": "Product", "name": "Chef knife"}',
   62.5, 0.87, '2025-03-02 04:00+00', '2025-03-02 04:00+00'),
  (md5('ai_optimized_content/home')::uuid, md5('domains/acme')::uuid, md5('website_content/acme/home')::uuid,
   'https://acme-shop.example/', 'article', 'Welcome to Acme Shop.', null, null, null, null, null, null, null, null, null, null,
   null, null, '2025-05-01 04:00+00', null),
  (md5('ai_optimized_content/faq')::uuid, null, null, 'https://bikes.example/faq', 'faq', null, null, 'FAQ', null, null,
   '[]', '[]', null, null, '{}', null, 48, 0.5, null, null);

insert into conversations (id, customer_id, session_id, user_id, status, created_at, updated_at) values
  (md5('conversations/1')::uuid, md5('customer_configs/acme')::uuid, 'sess_8f1c2a', 'visitor_3b9e', 'active', '2025-05-02 10:00+00', '2025-05-02 10:02+00'),
  (md5('conversations/2')::uuid, md5('customer_configs/acme')::uuid, 'sess_8f1c2b', null, 'closed', '2025-05-01 16:00+00', '2025-05-01 16:05+00'),
  (md5('conversations/3')::uuid, md5('customer_configs/bikes')::uuid, 'sess_11aa07', 'visitor_0c41', 'active', '2025-04-21 09:00+00', null),
  (md5('conversations/4')::uuid, null, 'sess_orphan', null, 'active', null, null);

insert into messages (id, conversation_id, role, content, metadata, created_at) values
  (md5('messages/1')::uuid, md5('conversations/1')::uuid, 'user', 'Do you ship to Norway?', null, '2025-05-02 10:00+00'),
  (md5('messages/2')::uuid, md5('conversations/1')::uuid, 'assistant', 'We ship to the EU and the UK; Norway is not served yet.',
   '{"sources": ["https://acme-shop.example/shipping"]}', '2025-05-02 10:00:05+00'),
  (md5('messages/3')::uuid, md5('conversations/2')::uuid, 'system', 'You are the Acme Shop assistant.', null, '2025-05-01 16:00+00'),
  (md5('messages/4')::uuid, md5('conversations/3')::uuid, 'user', 'Can I rent an e-bike tomorrow?', '{}', '2025-04-21 09:00+00'),
  (md5('messages/5')::uuid, null, null, 'orphaned by a deleted conversation', null, null);

insert into support_tickets (id, customer_id, email, subject, message, status, priority, created_at, resolved_at) values
  (md5('support_tickets/1')::uuid, md5('customer_configs/acme')::uuid, 'jon@mail.example', 'Order 1042 late', 'Still not here after a week.',
   'open', 'high', '2025-05-02 11:00+00', null),
  (md5('support_tickets/2')::uuid, md5('customer_configs/acme')::uuid, null, 'Invoice', 'Need a VAT invoice.', 'resolved', 'medium',
   '2025-04-02 11:00+00', '2025-04-03 09:00+00'),
  (md5('support_tickets/3')::uuid, md5('customer_configs/bikes')::uuid, 'eva@mail.example', null, null, 'open', 'low', '2025-04-22 08:00+00', null);

insert into structured_extractions (id, page_id, extraction_type, extracted_data, confidence_score, created_at) values
  (md5('structured_extractions/1')::uuid, md5('scraped_pages/acme/knife')::uuid, 'product',
   '{"name": "Chef knife 20 cm", "price": 49.90, "currency": "EUR"}', 0.93, '2025-03-01 03:10+00'),
  (md5('structured_extractions/2')::uuid, md5('scraped_pages/acme/shipping')::uuid, 'faq',
   '[{"q": "Do you ship abroad?", "a": "EU and UK"}]', null, '2025-05-01 03:10+00'),
  (md5('structured_extractions/3')::uuid, md5('scraped_pages/bikes/home')::uuid, 'contact', '{"phone": "+49 30 1234567"}', 0.7, null);

insert into content_refresh_jobs (id, customer_id, job_type, status, pages_processed, pages_total, started_at, completed_at, error_message) values
  (md5('content_refresh_jobs/1')::uuid, md5('customer_configs/acme')::uuid, 'full', 'completed', 3, 3, '2025-05-01 03:00+00', '2025-05-01 03:06+00', null),
  (md5('content_refresh_jobs/2')::uuid, md5('customer_configs/bikes')::uuid, 'incremental', 'failed', 0, null, '2025-04-20 03:00+00', '2025-04-20 03:00:30+00',
   'timeout fetching https://bikes.example/sitemap.xml'),
  (md5('content_refresh_jobs/3')::uuid, md5('customer_configs/acme')::uuid, 'discover', 'pending', 0, null, null, null, null);

insert into domain_patterns (id, domain_id, url_pattern, pattern_type, selectors, priority, is_active, created_at, updated_at) values
  (md5('domain_patterns/1')::uuid, md5('domains/acme-shop')::uuid, '/p/*', 'product', '{"title": "h1", "price": ".price"}', 10, true,
   '2025-01-26 08:00+00', '2025-01-26 08:00+00'),
  (md5('domain_patterns/2')::uuid, md5('domains/acme')::uuid, '/cart*', 'exclude', '{}', 0, true, '2025-01-26 08:00+00', '2025-01-26 08:00+00'),
  (md5('domain_patterns/3')::uuid, md5('domains/bikes')::uuid, '/faq', 'faq', '{"question": "dt", "answer": "dd"}', 5, false,
   '2025-02-03 08:00+00', '2025-02-10 08:00+00');

insert into feature_requests (id, customer_id, requested_by, title, votes, created_at) values
  (md5('feature_requests/1')::uuid, md5('customer_configs/acme')::uuid, null, 'Dark mode for the widget', 12, '2025-04-01 12:00+00'),
  (md5('feature_requests/2')::uuid, md5('customer_configs/acme')::uuid, md5('auth.users/alice')::uuid, 'Export chats as CSV', 3, '2025-04-15 12:00+00'),
  (md5('feature_requests/3')::uuid, md5('customer_configs/bikes')::uuid, md5('auth.users/bob')::uuid, 'Booking calendar', 1, '2025-04-22 12:00+00');

insert into widget_events (customer_id, event, payload, occurred_at) values
  (md5('customer_configs/acme')::uuid, 'opened', '{"path": "/"}', '2025-05-02 09:59+00'),
  (md5('customer_configs/acme')::uuid, 'message_sent', '{"conversation": "sess_8f1c2a"}', '2025-05-02 10:00+00'),
  (md5('customer_configs/bikes')::uuid, 'opened', null, '2025-04-21 08:59+00'),
  (null, 'opened', '{"note": "site deleted"}', '2025-01-01 00:00+00');
