-- What seed 000's team does when the reshaping refuses its rows ("Fix or delete these rows, then run the reshaping
-- again"): each statement answers one refusal of changelog/adoption/seed-000-final.yaml, in the order they come.
-- A three-digit colour is the same colour written short.
update public.customer_configs set primary_color = '#ffffff' where primary_color = '#fff';
-- Rows that belong to no site: the unified schema has nowhere to put them.
delete from public.domains where customer_id is null or domain is null;
delete from public.scraped_pages where customer_id is null;
delete from public.website_content where domain_id is null;
delete from public.messages where conversation_id is null or role is null;
delete from public.conversations where customer_id is null and user_id is null;
delete from public.ai_optimized_content where domain_id is null;
