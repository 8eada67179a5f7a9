-- The people the portal writes to: name, address and realm roles as the identity provider last
-- stated them at sign-in. Keycloak stays the source of truth; this is its latest word, kept so that
-- notifications can reach staff who are not on an application's team.

create table person (
    username     varchar(100) primary key,
    display_name varchar(255),
    email        varchar(320),
    roles        varchar(500) not null default '',
    updated_at   timestamp with time zone not null
);
