-- Which identity providers a member's group membership came from (issue 8: a provider's groups,
-- synced at each sign-in). A row says "this provider's sync gave the member this group"; a
-- membership without any row was given another way (the JWT SSO door, or before group sync) and no
-- provider ever removes it. The provider is its alias, as linked identities name it. The key
-- refers to the membership itself, so a membership that ends (a groups:leave) takes its rows along.
CREATE TABLE member_group_source(
    member_id character varying(36) NOT NULL,
    group_id character varying(36) NOT NULL,
    provider character varying(64) NOT NULL,
    CONSTRAINT member_group_source_pkey PRIMARY KEY(member_id, group_id, provider),
    CONSTRAINT fk_member_group_source_membership FOREIGN KEY(member_id, group_id)
        REFERENCES member_group(member_id, group_id) ON DELETE CASCADE
);
CREATE INDEX member_group_source_provider ON member_group_source(member_id, provider);
