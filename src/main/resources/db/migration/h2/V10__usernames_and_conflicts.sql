-- Members get a username (seed 002's "username key"), unique in their space ignoring case: the
-- key is the username in lower case, and NULLs (doors that assert none) may repeat. A space says
-- whether SSO nicknames always win and how sign-in conflicts over a username or an email are met.
ALTER TABLE member ADD COLUMN username CHARACTER VARYING(255);
ALTER TABLE member ADD COLUMN username_key CHARACTER VARYING(255);
ALTER TABLE member ADD CONSTRAINT member_space_username_key UNIQUE(space_id, username_key);

ALTER TABLE space ADD COLUMN always_sso_nicknames BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE space ADD COLUMN conflicts_auto_resolve BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE space ADD COLUMN conflicts_change_username BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE space ADD COLUMN conflicts_change_email BOOLEAN DEFAULT FALSE NOT NULL;
