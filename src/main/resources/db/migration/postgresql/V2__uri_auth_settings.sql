-- URI Auth's settings leave the space for a table of their own, keyed by the space's id as JWT
-- SSO's are; the signing secret and the one it replaced take the columns of the RotatingKey
-- embeddable that JWT SSO's key already uses. Every space gets its row and every value moves
-- unchanged (secrets stay sealed as they were). Every space the admin API made has a secret; one
-- made by hand without any keeps its flags and no key, so its signed links fail verification.
CREATE TABLE uri_auth_settings(
    space_id CHARACTER VARYING(36) NOT NULL,
    signed_links_required BOOLEAN NOT NULL,
    link_by_email BOOLEAN NOT NULL,
    sealed_key CHARACTER VARYING(512),
    sealed_previous_key CHARACTER VARYING(512),
    previous_key_until TIMESTAMP,
    version BIGINT,
    CONSTRAINT uri_auth_settings_pkey PRIMARY KEY(space_id),
    CONSTRAINT fk_uri_auth_settings_space_id FOREIGN KEY(space_id) REFERENCES space(id)
);

INSERT INTO uri_auth_settings(space_id, signed_links_required, link_by_email, sealed_key, sealed_previous_key, previous_key_until, version)
SELECT id, signed_links_required, link_by_email, signing_secret, previous_signing_secret, previous_secret_until, 1
FROM space;

ALTER TABLE space DROP COLUMN signed_links_required;
ALTER TABLE space DROP COLUMN link_by_email;
ALTER TABLE space DROP COLUMN signing_secret;
ALTER TABLE space DROP COLUMN previous_signing_secret;
ALTER TABLE space DROP COLUMN previous_secret_until;
