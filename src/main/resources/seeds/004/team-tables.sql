-- Tables the v3 team added on its own (SQL editor), which the seed never mentions and the changelog does not model:
-- adoption must leave them and their rows alone.

-- Read-only links to a widget that its owner shares (the app resolves the token, the owner manages the links).
create table public.widget_shares (
  id uuid primary key default gen_random_uuid(),
  widget_id uuid not null references public.widgets (id) on delete cascade,
  share_token text not null unique,
  expires_at timestamptz,
  created_at timestamptz not null default now()
);
create index widget_shares_widget_id_idx on public.widget_shares (widget_id);
alter table public.widget_shares enable row level security;
create policy "Owners manage their widget shares" on public.widget_shares
  for all to authenticated
  using (widget_id in (select w.id from public.widgets w where w.user_id = auth.uid()))
  with check (widget_id in (select w.id from public.widgets w where w.user_id = auth.uid()));

-- The queue the team's embedding service works through to give memories their 1536-dimension embeddings again (the
-- guide's "Regenerate embeddings using your embedding service"), written and read with the service role.
create table public.embedding_jobs (
  id bigserial primary key,
  memory_id uuid not null references public.memories (id) on delete cascade,
  model text not null default 'text-embedding-3-small',
  status text not null default 'queued',
  error text,
  queued_at timestamptz not null default now(),
  finished_at timestamptz
);
create index embedding_jobs_memory_id_idx on public.embedding_jobs (memory_id);
alter table public.embedding_jobs enable row level security;
create policy "Service reads embedding jobs" on public.embedding_jobs for select to service_role using (true);
