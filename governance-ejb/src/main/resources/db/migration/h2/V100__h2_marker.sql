-- H2 has no procedural triggers without Java classes; the hash chain still detects any change.
create table schema_flavour (name varchar(20) primary key);
insert into schema_flavour (name) values ('h2');
