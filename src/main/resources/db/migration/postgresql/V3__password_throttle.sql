-- The password door's throttle: failed sign-ins per space and email and per client address, shared
-- by every node. A row is keyed by the SHA-256 of what it counts (no email or address in clear);
-- attempts lock the row (SELECT ... FOR UPDATE) to charge it, so two nodes count one by one. Rows
-- past expires_at are forgotten and swept.
CREATE TABLE password_throttle (
    throttle_key character varying(64) NOT NULL,
    failures integer NOT NULL,
    locked_until timestamp without time zone,
    expires_at timestamp without time zone NOT NULL,
    CONSTRAINT password_throttle_pkey PRIMARY KEY (throttle_key)
);

CREATE INDEX password_throttle_expires_at ON password_throttle USING btree (expires_at);
