-- Tables the MadenAI team added on its own (SQL editor), which the seed never mentions and the changelog does not
-- model: adoption must leave them and their rows alone.

-- The site diary of a construction project (diário de obra): one entry per project and day, written by the project's
-- owner from the site (weather, crew on site, what was done).
create table public.project_daily_logs (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null,
  log_date date not null,
  weather text,
  workers_on_site integer check (workers_on_site >= 0),
  notes text not null,
  created_at timestamptz not null default now(),
  unique (project_id, log_date)
);
alter table public.project_daily_logs enable row level security;
create policy "Owners manage their projects' daily logs" on public.project_daily_logs
  for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = auth.uid()))
  with check (exists (select 1 from public.projects p where p.id = project_id and p.user_id = auth.uid()));

-- Leads from the marketing site's "fale conosco" form, sent with the anon key; read by the team in the dashboard.
create table public.landing_leads (
  id bigint generated always as identity primary key,
  name text not null,
  email text not null,
  phone text,
  company_size text,
  message text,
  utm_source text,
  created_at timestamptz not null default now()
);
alter table public.landing_leads enable row level security;
create policy "Site visitors leave a lead" on public.landing_leads
  for insert to anon with check (email like '%@%');
