-- Who started a federated sign-in, as the entry's limits count it: the SHA-256 of the client's
-- address (IPv6 by its /64) and the provider. An entry is refused while too many sign-ins of the
-- same client and provider, or of the provider, are waiting for the provider's answer.
ALTER TABLE flow_state ADD COLUMN client_key CHARACTER VARYING(64);
CREATE INDEX flow_state_client_key ON flow_state(client_key, expires_at);
CREATE INDEX flow_state_provider_id ON flow_state(provider_id, expires_at);
