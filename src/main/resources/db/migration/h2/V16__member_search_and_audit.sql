-- The administrators' reads (issue 10's operator console): member search, a member's status
-- history, and login records filtered, paged and counted per hour.
--
-- Member search matches each word of a query as the prefix of a member's terms (each word of their
-- names, username and email, and each of them whole, folded: dev.foyer.members.entity.SearchTerms)
-- or of a linked identity's external id folded the same way (external_key). LIKE 'abc%' reads the
-- index (space_id, term); a substring search could not. Terms of existing members and keys of
-- existing identities are written by the application after the migration (SchemaMigrations), the
-- folding being Java's.
CREATE TABLE member_term(
    member_id CHARACTER VARYING(36) NOT NULL,
    space_id CHARACTER VARYING(36) NOT NULL,
    term CHARACTER VARYING(255) NOT NULL,
    CONSTRAINT fk_member_term_member_id FOREIGN KEY(member_id) REFERENCES member(id)
);
CREATE INDEX member_term_space_term ON member_term(space_id, term);
CREATE INDEX member_term_member ON member_term(member_id);

ALTER TABLE linked_identity ADD COLUMN external_key CHARACTER VARYING(255);
CREATE INDEX linked_identity_space_external_key ON linked_identity(space_id, external_key);

-- A space's members newest first, a page at a time from where the last one ended.
CREATE INDEX member_space_created ON member(space_id, created_at DESC, id DESC);

-- A member's status as it changed: by an administrator (changed_by: their token's name) or by a
-- sign-in (changed_by: the door). from_status is NULL for the status a member was created with.
CREATE TABLE member_status_change(
    id CHARACTER VARYING(36) NOT NULL,
    member_id CHARACTER VARYING(36) NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    from_status CHARACTER VARYING(16),
    to_status CHARACTER VARYING(16) NOT NULL,
    cause CHARACTER VARYING(16) NOT NULL,
    changed_by CHARACTER VARYING(255),
    CONSTRAINT member_status_change_pkey PRIMARY KEY(id),
    CONSTRAINT fk_member_status_change_member_id FOREIGN KEY(member_id) REFERENCES member(id)
);
CREATE INDEX member_status_change_member ON member_status_change(member_id, changed_at);

-- Login records name the identity provider an attempt was for (its alias, or the alias of
-- Foyer's own door: uri-auth, jwt-sso, password). They are listed by space newest first, a page at
-- a time from where the last one ended, and filtered by door, provider or code, each with an index
-- of its own. Newest first is the indexes' own order: H2 reads an index in order only in
-- the direction it was made, so (account, at) gives way to (account, at DESC, id DESC).
ALTER TABLE login_record ADD COLUMN provider CHARACTER VARYING(64);
DROP INDEX login_record_account_at;
CREATE INDEX login_record_account_at_id ON login_record(account, at DESC, id DESC);
CREATE INDEX login_record_account_door_at ON login_record(account, door, at DESC, id DESC);
CREATE INDEX login_record_account_provider_at ON login_record(account, provider, at DESC, id DESC);
CREATE INDEX login_record_account_code_at ON login_record(account, code, at DESC, id DESC);
