-- What a member's username looks like (UsernameSkeleton: NFKC, case folded, lookalike letters
-- mapped), so that a username a person chooses may not look like another member's: one indexed
-- lookup, not a scan of the space. Not unique, providers' usernames may look alike. Existing rows
-- are filled in by the application after the migration (SchemaMigrations), the mapping being Java's.
ALTER TABLE member ADD COLUMN username_skeleton CHARACTER VARYING(255);
CREATE INDEX member_space_username_skeleton ON member(space_id, username_skeleton);
