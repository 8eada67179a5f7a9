-- Each requested collection is counted with its own criteria; a count says which collection it is.
alter table cohort_count add column dataset_id varchar(100);

-- Counts made before this were of the application's first (primary) collection.
update cohort_count set dataset_id = (select a.dataset_id from application a where a.id = cohort_count.application_id)
where dataset_id is null;
