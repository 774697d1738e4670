-- SAML 2.0 identity providers (seed 002): the identity provider's metadata (by URL, fetched and
-- refreshed, or pasted) with the entity id read from it, the service provider's settings, and its
-- keys (private key and certificate, sealed like client secrets; the previous key is kept during a
-- rotation so that assertions encrypted for it still open).
ALTER TABLE identity_provider ADD COLUMN saml_metadata_url CHARACTER VARYING(2048);
ALTER TABLE identity_provider ADD COLUMN saml_metadata CHARACTER VARYING(524288);
ALTER TABLE identity_provider ADD COLUMN saml_metadata_read_at TIMESTAMP;
ALTER TABLE identity_provider ADD COLUMN saml_idp_entity_id CHARACTER VARYING(1024);
ALTER TABLE identity_provider ADD COLUMN saml_sp_entity_id CHARACTER VARYING(1024);
ALTER TABLE identity_provider ADD COLUMN saml_name_id_format CHARACTER VARYING(255);
ALTER TABLE identity_provider ADD COLUMN saml_post_binding BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE identity_provider ADD COLUMN saml_encrypted_assertions BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE identity_provider ADD COLUMN saml_idp_initiated BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE identity_provider ADD COLUMN sealed_sp_key CHARACTER VARYING(8192);
ALTER TABLE identity_provider ADD COLUMN sealed_sp_previous_key CHARACTER VARYING(8192);
