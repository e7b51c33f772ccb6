-- Tables the Omniops team added on its own (SQL editor), which the seed never mentions and the changelog does not
-- model: adoption must leave them and their rows alone.

-- Feature requests collected from widget visitors, read by the site owner in the dashboard.
create table public.feature_requests (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customer_configs (id) on delete cascade,
  requested_by uuid references auth.users (id),
  title text not null,
  votes integer not null default 0,
  created_at timestamptz not null default now()
);
create index feature_requests_customer_id_idx on public.feature_requests (customer_id);
alter table public.feature_requests enable row level security;
create policy "Owners read their sites' feature requests" on public.feature_requests
  for select using (
    customer_id in (
      select cc.id from public.customer_configs cc join public.customers c on c.id = cc.customer_id
      where c.auth_user_id = auth.uid()
    )
  );

-- Widget analytics events (opened, message sent), written by the widget with the anon key.
create table public.widget_events (
  id bigserial primary key,
  customer_id uuid references public.customer_configs (id) on delete set null,
  event text not null,
  payload jsonb,
  occurred_at timestamptz not null default now()
);
alter table public.widget_events enable row level security;
create policy "Widget logs events" on public.widget_events
  for insert to anon with check (customer_id is not null);
