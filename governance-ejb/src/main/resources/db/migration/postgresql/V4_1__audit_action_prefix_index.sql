-- Auditors search by action prefix (action like 'application.%'). Unless the database collation is
-- plain C, PostgreSQL can only use a btree index for LIKE prefixes with the pattern operator class;
-- it replaces the plain index from V4__audit_search_indexes.
drop index audit_record_action;
create index audit_record_action on audit_record (action varchar_pattern_ops);
