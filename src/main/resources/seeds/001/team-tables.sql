-- A table the migue.ai team added on its own, which the seed never mentions and the changelog does not model:
-- phone numbers that asked for no proactive messages (the bot checks it before sending). Adoption leaves it alone.
create table public.broadcast_opt_outs (
  phone_number text primary key,
  reason text,
  opted_out_at timestamptz not null default now()
);
alter table public.broadcast_opt_outs enable row level security;
create policy "Service reads opt-outs" on public.broadcast_opt_outs for select to service_role using (true);
