-- A known text sealed with foyer.secrets.key at the first start on this database
-- (dev.foyer.secrets.SecretsKeyCheck): every node opens it at start-up, so a wrong key is named at
-- once and readiness is DOWN, instead of failing sign-ins. One row; the first node to start adds it.
CREATE TABLE secrets_check(
    id CHARACTER VARYING(16) NOT NULL,
    sealed_value CHARACTER VARYING(512) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resealed_at TIMESTAMP,
    CONSTRAINT secrets_check_pkey PRIMARY KEY(id)
);
