-- A session opened through an identity provider remembers who that provider said it was and its
-- own session there (SAML: NameID, its format, SessionIndex), so that single logout can end it from
-- either side: Foyer asks the provider to end its session, and the provider's LogoutRequest ends the
-- Foyer sessions it names.
ALTER TABLE participant_session ADD COLUMN provider CHARACTER VARYING(64);
ALTER TABLE participant_session ADD COLUMN upstream_subject CHARACTER VARYING(1024);
ALTER TABLE participant_session ADD COLUMN upstream_subject_format CHARACTER VARYING(255);
ALTER TABLE participant_session ADD COLUMN upstream_session CHARACTER VARYING(255);
CREATE INDEX participant_session_upstream ON participant_session(space_id, provider, upstream_subject);
