-- Foyer's schema as the release before Flyway had EclipseLink create it (create-or-extend-tables)
-- on PostgreSQL: read back with pg_dump from a database that release made, so a
-- database it made and one this creates are the same (constraint and index names included). Such a
-- database is adopted as version 1 instead of running this (see dev.foyer.database.SchemaMigrations).
-- No sequences: ids are UUIDs or hashes.


CREATE TABLE chat_event (
    id character varying(64) NOT NULL,
    admitted_levels character varying(128) NOT NULL,
    ends_at timestamp without time zone,
    starts_at timestamp without time zone,
    title character varying(255) NOT NULL,
    space_id character varying(36)
);

CREATE TABLE event_join (
    id character varying(36) NOT NULL,
    joined_at timestamp without time zone NOT NULL,
    event_id character varying(64),
    member_id character varying(36)
);

CREATE TABLE jwt_sso_settings (
    space_id character varying(36) NOT NULL,
    authorization_url character varying(2048),
    enabled boolean NOT NULL,
    force_sync character varying(255),
    max_lifetime_seconds bigint NOT NULL,
    new_member_on_email_change boolean NOT NULL,
    previous_key_until timestamp without time zone,
    require_exp boolean NOT NULL,
    sealed_key character varying(512) NOT NULL,
    sealed_previous_key character varying(512),
    version bigint
);

CREATE TABLE linked_identity (
    id character varying(36) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    external_id character varying(255) NOT NULL,
    provider character varying(64) NOT NULL,
    member_id character varying(36),
    space_id character varying(36)
);

CREATE TABLE login_record (
    id character varying(36) NOT NULL,
    accepted boolean NOT NULL,
    account character varying(64),
    at timestamp without time zone NOT NULL,
    code character varying(16),
    door character varying(32) NOT NULL,
    event_id character varying(64),
    member_id character varying(36)
);

CREATE TABLE member (
    id character varying(36) NOT NULL,
    avatar_url character varying(2048),
    created_at timestamp without time zone NOT NULL,
    email character varying(255),
    email_key character varying(255),
    email_verified boolean DEFAULT false NOT NULL,
    family_name character varying(255),
    given_name character varying(255) NOT NULL,
    guest boolean NOT NULL,
    language character varying(8),
    last_sign_in_at timestamp without time zone,
    nickname character varying(255) NOT NULL,
    password_hash character varying(512),
    status character varying(16) NOT NULL,
    time_zone character varying(64),
    title character varying(255),
    space_id character varying(36)
);

CREATE TABLE member_domain (
    member_id character varying(36),
    url character varying(2048),
    domain_key character varying(64)
);

CREATE TABLE member_group (
    member_id character varying(36) NOT NULL,
    group_id character varying(36) NOT NULL
);

CREATE TABLE member_property (
    member_id character varying(36),
    property_value character varying(1024),
    property_name character varying(64)
);

CREATE TABLE participant_session (
    token_hash character varying(64) NOT NULL,
    admission_level character varying(32) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    door character varying(32) NOT NULL,
    expires_at timestamp without time zone NOT NULL,
    last_used_at timestamp without time zone NOT NULL,
    revoked_at timestamp without time zone,
    member_id character varying(36),
    space_id character varying(36)
);

CREATE TABLE space (
    id character varying(36) NOT NULL,
    allowed_origins character varying(4000),
    created_at timestamp without time zone NOT NULL,
    custom_properties character varying(4000),
    landing_url character varying(2048),
    link_by_email boolean NOT NULL,
    name character varying(255) NOT NULL,
    previous_secret_until timestamp without time zone,
    previous_signing_secret character varying(512),
    signing_secret character varying(512),
    signed_links_required boolean NOT NULL,
    slug character varying(64) NOT NULL,
    version bigint,
    visibility character varying(16) NOT NULL
);

CREATE TABLE space_group (
    id character varying(36) NOT NULL,
    name character varying(255) NOT NULL,
    space_id character varying(36)
);

CREATE TABLE used_credential (
    credential_hash character varying(64) NOT NULL,
    expires_at timestamp without time zone NOT NULL
);

ALTER TABLE chat_event
    ADD CONSTRAINT chat_event_pkey PRIMARY KEY (id);

ALTER TABLE event_join
    ADD CONSTRAINT event_join_pkey PRIMARY KEY (id);

ALTER TABLE jwt_sso_settings
    ADD CONSTRAINT jwt_sso_settings_pkey PRIMARY KEY (space_id);

ALTER TABLE linked_identity
    ADD CONSTRAINT linked_identity_key UNIQUE (space_id, provider, external_id);

ALTER TABLE linked_identity
    ADD CONSTRAINT linked_identity_pkey PRIMARY KEY (id);

ALTER TABLE login_record
    ADD CONSTRAINT login_record_pkey PRIMARY KEY (id);

ALTER TABLE member_group
    ADD CONSTRAINT member_group_pkey PRIMARY KEY (member_id, group_id);

ALTER TABLE member
    ADD CONSTRAINT member_pkey PRIMARY KEY (id);

ALTER TABLE participant_session
    ADD CONSTRAINT participant_session_pkey PRIMARY KEY (token_hash);

ALTER TABLE space_group
    ADD CONSTRAINT space_group_pkey PRIMARY KEY (id);

ALTER TABLE space
    ADD CONSTRAINT space_pkey PRIMARY KEY (id);

ALTER TABLE space
    ADD CONSTRAINT space_slug UNIQUE (slug);

ALTER TABLE used_credential
    ADD CONSTRAINT used_credential_pkey PRIMARY KEY (credential_hash);

CREATE INDEX event_join_member ON event_join USING btree (member_id, event_id);

CREATE INDEX login_record_account_at ON login_record USING btree (account, at);

CREATE INDEX member_space_email_key ON member USING btree (space_id, email_key);

ALTER TABLE chat_event
    ADD CONSTRAINT fk_chat_event_space_id FOREIGN KEY (space_id) REFERENCES space(id);

ALTER TABLE event_join
    ADD CONSTRAINT fk_event_join_event_id FOREIGN KEY (event_id) REFERENCES chat_event(id);

ALTER TABLE event_join
    ADD CONSTRAINT fk_event_join_member_id FOREIGN KEY (member_id) REFERENCES member(id);

ALTER TABLE linked_identity
    ADD CONSTRAINT fk_linked_identity_member_id FOREIGN KEY (member_id) REFERENCES member(id);

ALTER TABLE linked_identity
    ADD CONSTRAINT fk_linked_identity_space_id FOREIGN KEY (space_id) REFERENCES space(id);

ALTER TABLE member_domain
    ADD CONSTRAINT fk_member_domain_member_id FOREIGN KEY (member_id) REFERENCES member(id);

ALTER TABLE member_group
    ADD CONSTRAINT fk_member_group_group_id FOREIGN KEY (group_id) REFERENCES space_group(id);

ALTER TABLE member_group
    ADD CONSTRAINT fk_member_group_member_id FOREIGN KEY (member_id) REFERENCES member(id);

ALTER TABLE member_property
    ADD CONSTRAINT fk_member_property_member_id FOREIGN KEY (member_id) REFERENCES member(id);

ALTER TABLE member
    ADD CONSTRAINT fk_member_space_id FOREIGN KEY (space_id) REFERENCES space(id);

ALTER TABLE participant_session
    ADD CONSTRAINT fk_participant_session_member_id FOREIGN KEY (member_id) REFERENCES member(id);

ALTER TABLE participant_session
    ADD CONSTRAINT fk_participant_session_space_id FOREIGN KEY (space_id) REFERENCES space(id);

ALTER TABLE space_group
    ADD CONSTRAINT fk_space_group_space_id FOREIGN KEY (space_id) REFERENCES space(id);

