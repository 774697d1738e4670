-- Retention (dev.foyer.retention). scheduled_job holds one row per job that every node schedules
-- and one node at a time runs: a node takes a run by moving next_run_at on under the row's lock.
-- The indexes let each retention rule find its oldest rows without reading the whole table.
CREATE TABLE scheduled_job(
    name CHARACTER VARYING(64) NOT NULL,
    next_run_at TIMESTAMP NOT NULL,
    CONSTRAINT scheduled_job_pkey PRIMARY KEY(name)
);

INSERT INTO scheduled_job(name, next_run_at) VALUES ('retention', TIMESTAMP '1970-01-01 00:00:00');

CREATE INDEX participant_session_expires_at ON participant_session(expires_at);
CREATE INDEX member_guest_last_sign_in ON member(guest, last_sign_in_at);
CREATE INDEX login_record_at ON login_record(at);
CREATE INDEX used_credential_expires_at ON used_credential(expires_at);
