-- An administrator may have a waiting or given-up mail tried again: its two days of tries then
-- count from that moment, and the first failure stays on record.

alter table mail_waiting add column tried_again_at timestamp with time zone;
