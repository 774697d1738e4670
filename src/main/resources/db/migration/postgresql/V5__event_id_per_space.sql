-- An event's id is unique within its space, no longer across spaces: a second space may have its
-- own 'welcome', and refusing one no longer tells that another space has it. The column that was
-- the primary key becomes the hidden key (event_key), which event_join refers to; every existing
-- event keeps its id as its key, so no join needs rewriting, and new events get a random key. The
-- id seen in links, pages and the admin API is a new column, filled with the same value, unique
-- per space.
ALTER TABLE chat_event RENAME COLUMN id TO event_key;
ALTER TABLE chat_event ADD COLUMN id character varying(64);
UPDATE chat_event SET id = event_key;
ALTER TABLE chat_event ALTER COLUMN id SET NOT NULL;
ALTER TABLE chat_event ADD CONSTRAINT chat_event_space_id_key UNIQUE (space_id, id);

ALTER TABLE event_join RENAME COLUMN event_id TO event_key;
