-- The password door's throttle: failed sign-ins per space and email and per client address, shared
-- by every node. A row is keyed by the SHA-256 of what it counts (no email or address in clear);
-- attempts lock the row (SELECT ... FOR UPDATE) to charge it, so two nodes count one by one. Rows
-- past expires_at are forgotten and swept.
CREATE TABLE password_throttle(
    throttle_key CHARACTER VARYING(64) NOT NULL,
    failures INTEGER NOT NULL,
    locked_until TIMESTAMP,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT password_throttle_pkey PRIMARY KEY(throttle_key)
);

CREATE INDEX password_throttle_expires_at ON password_throttle(expires_at);
