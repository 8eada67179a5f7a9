-- The audit trail is append-only: PostgreSQL itself refuses to change or remove a record.
create function audit_record_refuse_change() returns trigger as $$
begin
    raise exception 'audit records are append-only: % refused', tg_op;
end;
$$ language plpgsql;

create trigger audit_record_append_only
    before update or delete on audit_record
    for each row execute function audit_record_refuse_change();

create trigger audit_record_no_truncate
    before truncate on audit_record
    for each statement execute function audit_record_refuse_change();
