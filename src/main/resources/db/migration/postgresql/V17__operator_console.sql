-- The operator console. An operator's session in the browser: found by the hash of its HttpOnly
-- cookie (the CSRF token that every changing request must echo in a header is derived from the
-- cookie, so it needs no column), with the role it was opened with (foyer-admin, or foyer-space-admin of one space), as an admin token
-- would carry it. In the database so any node serves the operator.
CREATE TABLE operator_session(
    id_hash CHARACTER VARYING(64) NOT NULL,
    subject CHARACTER VARYING(255) NOT NULL,
    display_name CHARACTER VARYING(255),
    operator_role CHARACTER VARYING(32) NOT NULL,
    space_slug CHARACTER VARYING(64),
    source CHARACTER VARYING(16) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT operator_session_pkey PRIMARY KEY(id_hash)
);
CREATE INDEX operator_session_expires_at ON operator_session(expires_at);
-- A single-use console sign-in link, made through the admin API by a caller with an admin token
-- (bin/run makes one for the local operator): the hash of its code and the role it hands on.
CREATE TABLE console_link(
    code_hash CHARACTER VARYING(64) NOT NULL,
    subject CHARACTER VARYING(255) NOT NULL,
    operator_role CHARACTER VARYING(32) NOT NULL,
    space_slug CHARACTER VARYING(64),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT console_link_pkey PRIMARY KEY(code_hash)
);
CREATE INDEX console_link_expires_at ON console_link(expires_at);
-- An operator's sign-in at the organisation's OpenID Connect provider is a flow like a member's,
-- but of no space.
ALTER TABLE flow_state ALTER COLUMN space_id DROP NOT NULL;
