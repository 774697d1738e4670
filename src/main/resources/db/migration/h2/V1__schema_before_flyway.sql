-- Foyer's schema as the release before Flyway had EclipseLink create it (create-or-extend-tables)
-- on H2 2.2: read back with H2's SCRIPT from a database that release made, so a database it made
-- and one this creates are the same. Such a database is adopted as version 1 instead of running
-- this (see dev.foyer.database.SchemaMigrations). The primary keys carry the names H2 gave them
-- there, so later migrations can name them alike on both. No sequences: ids are UUIDs or hashes.

CREATE TABLE member(
    id CHARACTER VARYING(36) NOT NULL,
    avatar_url CHARACTER VARYING(2048),
    created_at TIMESTAMP NOT NULL,
    email CHARACTER VARYING(255),
    email_key CHARACTER VARYING(255),
    email_verified BOOLEAN DEFAULT FALSE NOT NULL,
    family_name CHARACTER VARYING(255),
    given_name CHARACTER VARYING(255) NOT NULL,
    guest BOOLEAN NOT NULL,
    language CHARACTER VARYING(8),
    last_sign_in_at TIMESTAMP,
    nickname CHARACTER VARYING(255) NOT NULL,
    password_hash CHARACTER VARYING(512),
    status CHARACTER VARYING(16) NOT NULL,
    time_zone CHARACTER VARYING(64),
    title CHARACTER VARYING(255),
    space_id CHARACTER VARYING(36)
);
ALTER TABLE member ADD CONSTRAINT constraint_8 PRIMARY KEY(id);
CREATE INDEX member_space_email_key ON member(space_id, email_key);
CREATE TABLE event_join(
    id CHARACTER VARYING(36) NOT NULL,
    joined_at TIMESTAMP NOT NULL,
    event_id CHARACTER VARYING(64),
    member_id CHARACTER VARYING(36)
);
ALTER TABLE event_join ADD CONSTRAINT constraint_5 PRIMARY KEY(id);
CREATE INDEX event_join_member ON event_join(member_id, event_id);
CREATE TABLE jwt_sso_settings(
    space_id CHARACTER VARYING(36) NOT NULL,
    authorization_url CHARACTER VARYING(2048),
    enabled BOOLEAN NOT NULL,
    force_sync CHARACTER VARYING(255),
    max_lifetime_seconds BIGINT NOT NULL,
    new_member_on_email_change BOOLEAN NOT NULL,
    previous_key_until TIMESTAMP,
    require_exp BOOLEAN NOT NULL,
    sealed_key CHARACTER VARYING(512) NOT NULL,
    sealed_previous_key CHARACTER VARYING(512),
    version BIGINT
);
ALTER TABLE jwt_sso_settings ADD CONSTRAINT constraint_e PRIMARY KEY(space_id);
CREATE TABLE login_record(
    id CHARACTER VARYING(36) NOT NULL,
    accepted BOOLEAN NOT NULL,
    account CHARACTER VARYING(64),
    at TIMESTAMP NOT NULL,
    code CHARACTER VARYING(16),
    door CHARACTER VARYING(32) NOT NULL,
    event_id CHARACTER VARYING(64),
    member_id CHARACTER VARYING(36)
);
ALTER TABLE login_record ADD CONSTRAINT constraint_1 PRIMARY KEY(id);
CREATE INDEX login_record_account_at ON login_record(account, at);
CREATE TABLE chat_event(
    id CHARACTER VARYING(64) NOT NULL,
    admitted_levels CHARACTER VARYING(128) NOT NULL,
    ends_at TIMESTAMP,
    starts_at TIMESTAMP,
    title CHARACTER VARYING(255) NOT NULL,
    space_id CHARACTER VARYING(36)
);
ALTER TABLE chat_event ADD CONSTRAINT constraint_4 PRIMARY KEY(id);
CREATE TABLE linked_identity(
    id CHARACTER VARYING(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    external_id CHARACTER VARYING(255) NOT NULL,
    provider CHARACTER VARYING(64) NOT NULL,
    member_id CHARACTER VARYING(36),
    space_id CHARACTER VARYING(36)
);
ALTER TABLE linked_identity ADD CONSTRAINT constraint_3 PRIMARY KEY(id);
CREATE TABLE participant_session(
    token_hash CHARACTER VARYING(64) NOT NULL,
    admission_level CHARACTER VARYING(32) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    door CHARACTER VARYING(32) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    member_id CHARACTER VARYING(36),
    space_id CHARACTER VARYING(36)
);
ALTER TABLE participant_session ADD CONSTRAINT constraint_40 PRIMARY KEY(token_hash);
CREATE TABLE space(
    id CHARACTER VARYING(36) NOT NULL,
    allowed_origins CHARACTER VARYING(4000),
    created_at TIMESTAMP NOT NULL,
    custom_properties CHARACTER VARYING(4000),
    landing_url CHARACTER VARYING(2048),
    link_by_email BOOLEAN NOT NULL,
    name CHARACTER VARYING(255) NOT NULL,
    previous_secret_until TIMESTAMP,
    previous_signing_secret CHARACTER VARYING(512),
    signing_secret CHARACTER VARYING(512),
    signed_links_required BOOLEAN NOT NULL,
    slug CHARACTER VARYING(64) NOT NULL,
    version BIGINT,
    visibility CHARACTER VARYING(16) NOT NULL
);
ALTER TABLE space ADD CONSTRAINT constraint_4b PRIMARY KEY(id);
CREATE TABLE space_group(
    id CHARACTER VARYING(36) NOT NULL,
    name CHARACTER VARYING(255) NOT NULL,
    space_id CHARACTER VARYING(36)
);
ALTER TABLE space_group ADD CONSTRAINT constraint_5a PRIMARY KEY(id);
CREATE TABLE used_credential(
    credential_hash CHARACTER VARYING(64) NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
ALTER TABLE used_credential ADD CONSTRAINT constraint_9 PRIMARY KEY(credential_hash);
CREATE TABLE member_domain(
    member_id CHARACTER VARYING(36),
    url CHARACTER VARYING(2048),
    domain_key CHARACTER VARYING(64)
);
CREATE TABLE member_property(
    member_id CHARACTER VARYING(36),
    property_value CHARACTER VARYING(1024),
    property_name CHARACTER VARYING(64)
);
CREATE TABLE member_group(
    member_id CHARACTER VARYING(36) NOT NULL,
    group_id CHARACTER VARYING(36) NOT NULL
);
ALTER TABLE member_group ADD CONSTRAINT constraint_b PRIMARY KEY(member_id, group_id);
ALTER TABLE space ADD CONSTRAINT space_slug UNIQUE(slug);
ALTER TABLE linked_identity ADD CONSTRAINT linked_identity_key UNIQUE(space_id, provider, external_id);
ALTER TABLE chat_event ADD CONSTRAINT fk_chat_event_space_id FOREIGN KEY(space_id) REFERENCES space(id);
ALTER TABLE member_group ADD CONSTRAINT fk_member_group_member_id FOREIGN KEY(member_id) REFERENCES member(id);
ALTER TABLE participant_session ADD CONSTRAINT fk_participant_session_member_id FOREIGN KEY(member_id) REFERENCES member(id);
ALTER TABLE member_group ADD CONSTRAINT fk_member_group_group_id FOREIGN KEY(group_id) REFERENCES space_group(id);
ALTER TABLE member_domain ADD CONSTRAINT fk_member_domain_member_id FOREIGN KEY(member_id) REFERENCES member(id);
ALTER TABLE member ADD CONSTRAINT fk_member_space_id FOREIGN KEY(space_id) REFERENCES space(id);
ALTER TABLE space_group ADD CONSTRAINT fk_space_group_space_id FOREIGN KEY(space_id) REFERENCES space(id);
ALTER TABLE event_join ADD CONSTRAINT fk_event_join_member_id FOREIGN KEY(member_id) REFERENCES member(id);
ALTER TABLE participant_session ADD CONSTRAINT fk_participant_session_space_id FOREIGN KEY(space_id) REFERENCES space(id);
ALTER TABLE member_property ADD CONSTRAINT fk_member_property_member_id FOREIGN KEY(member_id) REFERENCES member(id);
ALTER TABLE linked_identity ADD CONSTRAINT fk_linked_identity_space_id FOREIGN KEY(space_id) REFERENCES space(id);
ALTER TABLE linked_identity ADD CONSTRAINT fk_linked_identity_member_id FOREIGN KEY(member_id) REFERENCES member(id);
ALTER TABLE event_join ADD CONSTRAINT fk_event_join_event_id FOREIGN KEY(event_id) REFERENCES chat_event(id);

