-- Tables the Identra team added on its own (SQL editor), which the seed never mentions and the changelog does not
-- model: adoption must leave them and their rows alone.

-- API keys of the tunnel gateway (the browser extension and API clients that write memories with source 'extension'
-- or 'api'): only a hash is stored; the gateway checks keys with the service role, a user lists their own keys.
create table public.gateway_api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  name text not null,
  key_hash text not null unique,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index gateway_api_keys_user_id_idx on public.gateway_api_keys (user_id);
alter table public.gateway_api_keys enable row level security;
create policy "Users see their own API keys" on public.gateway_api_keys
  for select to authenticated using (user_id = auth.uid());

-- The landing page's waitlist, written with the anon key before sign-up exists.
create table public.waitlist_signups (
  id bigserial primary key,
  email text not null unique,
  referrer text,
  signed_up_at timestamptz not null default now()
);
alter table public.waitlist_signups enable row level security;
create policy "Anyone can join the waitlist" on public.waitlist_signups
  for insert to anon with check (email like '%@%');
