-- Sign-ins that left for an identity provider (federation, SAML) and have not come back: found by
-- the hash of a short-lived flow cookie (or SAML's RelayState), used once, expiring in minutes.
-- In the database so the callback may reach any node.
CREATE TABLE flow_state(
    id_hash CHARACTER VARYING(64) NOT NULL,
    space_id CHARACTER VARYING(36) NOT NULL,
    door CHARACTER VARYING(32) NOT NULL,
    provider_id CHARACTER VARYING(36),
    event_id CHARACTER VARYING(64),
    return_path CHARACTER VARYING(2048),
    protocol_values CHARACTER VARYING(4000),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    version BIGINT,
    CONSTRAINT flow_state_pkey PRIMARY KEY(id_hash),
    CONSTRAINT fk_flow_state_space_id FOREIGN KEY(space_id) REFERENCES space(id)
);
CREATE INDEX flow_state_expires_at ON flow_state(expires_at);
