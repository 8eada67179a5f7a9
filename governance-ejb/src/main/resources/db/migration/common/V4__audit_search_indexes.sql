-- Auditors search the trail by who acted, by action and by time (object type and id are indexed
-- since V1). Each index costs every append a little; docs/benchmarks.md measures appends with them.
create index audit_record_actor on audit_record (actor);
create index audit_record_action on audit_record (action);
create index audit_record_at on audit_record (at);
