-- Ending a member's sessions (a status that refuses sign-in, the admin API's sign-out everywhere)
-- and listing them look sessions up by member; PostgreSQL does not index a foreign key by itself.
CREATE INDEX participant_session_member ON participant_session(member_id, expires_at);
