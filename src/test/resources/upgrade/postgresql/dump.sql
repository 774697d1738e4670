--
-- PostgreSQL database dump
--

\restrict kgjrpDwVQXPS6GsdBJBPU9NKQfFwAAbJekjU8H6q0fsMfcsZOD2ofEhwNvtf9SS

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: chat_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chat_event (
    id character varying(64) NOT NULL,
    admitted_levels character varying(128) NOT NULL,
    ends_at timestamp without time zone,
    starts_at timestamp without time zone,
    title character varying(255) NOT NULL,
    space_id character varying(36)
);


--
-- Name: event_join; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_join (
    id character varying(36) NOT NULL,
    joined_at timestamp without time zone NOT NULL,
    event_id character varying(64),
    member_id character varying(36)
);


--
-- Name: jwt_sso_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.jwt_sso_settings (
    space_id character varying(36) NOT NULL,
    authorization_url character varying(2048),
    enabled boolean NOT NULL,
    force_sync character varying(255),
    max_lifetime_seconds bigint NOT NULL,
    new_member_on_email_change boolean NOT NULL,
    previous_key_until timestamp without time zone,
    require_exp boolean NOT NULL,
    sealed_key character varying(512) NOT NULL,
    sealed_previous_key character varying(512),
    version bigint
);


--
-- Name: linked_identity; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.linked_identity (
    id character varying(36) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    external_id character varying(255) NOT NULL,
    provider character varying(64) NOT NULL,
    member_id character varying(36),
    space_id character varying(36)
);


--
-- Name: login_record; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_record (
    id character varying(36) NOT NULL,
    accepted boolean NOT NULL,
    account character varying(64),
    at timestamp without time zone NOT NULL,
    code character varying(16),
    door character varying(32) NOT NULL,
    event_id character varying(64),
    member_id character varying(36)
);


--
-- Name: member; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.member (
    id character varying(36) NOT NULL,
    avatar_url character varying(2048),
    created_at timestamp without time zone NOT NULL,
    email character varying(255),
    email_key character varying(255),
    email_verified boolean DEFAULT false NOT NULL,
    family_name character varying(255),
    given_name character varying(255) NOT NULL,
    guest boolean NOT NULL,
    language character varying(8),
    last_sign_in_at timestamp without time zone,
    nickname character varying(255) NOT NULL,
    password_hash character varying(512),
    status character varying(16) NOT NULL,
    time_zone character varying(64),
    title character varying(255),
    space_id character varying(36)
);


--
-- Name: member_domain; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.member_domain (
    member_id character varying(36),
    url character varying(2048),
    domain_key character varying(64)
);


--
-- Name: member_group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.member_group (
    member_id character varying(36) NOT NULL,
    group_id character varying(36) NOT NULL
);


--
-- Name: member_property; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.member_property (
    member_id character varying(36),
    property_value character varying(1024),
    property_name character varying(64)
);


--
-- Name: participant_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.participant_session (
    token_hash character varying(64) NOT NULL,
    admission_level character varying(32) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    door character varying(32) NOT NULL,
    expires_at timestamp without time zone NOT NULL,
    last_used_at timestamp without time zone NOT NULL,
    revoked_at timestamp without time zone,
    member_id character varying(36),
    space_id character varying(36)
);


--
-- Name: space; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.space (
    id character varying(36) NOT NULL,
    allowed_origins character varying(4000),
    created_at timestamp without time zone NOT NULL,
    custom_properties character varying(4000),
    landing_url character varying(2048),
    link_by_email boolean NOT NULL,
    name character varying(255) NOT NULL,
    previous_secret_until timestamp without time zone,
    previous_signing_secret character varying(512),
    signing_secret character varying(512),
    signed_links_required boolean NOT NULL,
    slug character varying(64) NOT NULL,
    version bigint,
    visibility character varying(16) NOT NULL
);


--
-- Name: space_group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.space_group (
    id character varying(36) NOT NULL,
    name character varying(255) NOT NULL,
    space_id character varying(36)
);


--
-- Name: used_credential; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.used_credential (
    credential_hash character varying(64) NOT NULL,
    expires_at timestamp without time zone NOT NULL
);


--
-- Data for Name: chat_event; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.chat_event (id, admitted_levels, ends_at, starts_at, title, space_id) FROM stdin;
welcome	NICKNAME,NICKNAME_EMAIL	\N	\N	Welcome chat	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
board	SSO	\N	\N	Board briefing	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
\.


--
-- Data for Name: event_join; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.event_join (id, joined_at, event_id, member_id) FROM stdin;
85e281bd-2ee5-4ba4-8fa4-873c9140844d	2026-11-30 14:14:53.530097	welcome	2b48452f-735c-4b31-9b64-91b305f5e762
\.


--
-- Data for Name: jwt_sso_settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.jwt_sso_settings (space_id, authorization_url, enabled, force_sync, max_lifetime_seconds, new_member_on_email_change, previous_key_until, require_exp, sealed_key, sealed_previous_key, version) FROM stdin;
6488c7d6-9c5d-46ac-97cc-1ccf1a54391d	https://app.example.test/sso/authorize	t		600	f	\N	t	v1:HkLviCZLeFEb1QHuLr1K1l06IXnw6J4+akdBcVvLD2epQiXowG0V6BkcxsVS567IrKrDl6OjhCb10pCuNcQFo2EB1OVJBrk=	\N	1
\.


--
-- Data for Name: linked_identity; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.linked_identity (id, created_at, external_id, provider, member_id, space_id) FROM stdin;
bdff2214-498c-472b-ab22-36ef8b7946da	2026-11-30 14:14:51.235996	paula@example.test	password	5dfdd284-2856-4825-9897-8b42bddfed27	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
aea7626f-4a3a-4a83-8866-88268ce930e8	2026-11-30 14:14:53.381805	crm-upgrade-1	uri-auth	2b48452f-735c-4b31-9b64-91b305f5e762	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
08f19a40-d421-49ac-bff7-28f2b0253db5	2026-11-30 14:14:59.603221	sso-upgrade-1	jwt-sso	cc2866a6-fe07-4e02-b9c9-5010aedd5aa1	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
\.


--
-- Data for Name: login_record; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.login_record (id, accepted, account, at, code, door, event_id, member_id) FROM stdin;
04c5406d-526f-4df0-b0b0-9ac1240502b9	t	upgrade	2026-11-30 14:14:53.5375	\N	uri-auth	welcome	2b48452f-735c-4b31-9b64-91b305f5e762
d49589c3-e78e-42ec-847a-2a0b0f4736ce	f	upgrade	2026-11-30 14:14:54.478592	UASIG1	uri-auth	\N	\N
5634450f-c373-40a6-bec6-7e1d28669fc7	t	upgrade	2026-11-30 14:14:59.687211	\N	jwt-sso	\N	cc2866a6-fe07-4e02-b9c9-5010aedd5aa1
02505301-ad29-4ba4-81cf-a9a52961b64c	t	upgrade	2026-11-30 14:15:01.268425	\N	password	\N	5dfdd284-2856-4825-9897-8b42bddfed27
\.


--
-- Data for Name: member; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.member (id, avatar_url, created_at, email, email_key, email_verified, family_name, given_name, guest, language, last_sign_in_at, nickname, password_hash, status, time_zone, title, space_id) FROM stdin;
2b48452f-735c-4b31-9b64-91b305f5e762	\N	2026-11-30 14:14:53.381415	\N	\N	f	Uri	Una	f	\N	2026-11-30 14:14:53.454255	Una	\N	ACTIVE	\N	\N	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
cc2866a6-fe07-4e02-b9c9-5010aedd5aa1	\N	2026-11-30 14:14:59.602889	jo@example.test	jo@example.test	t	Token	Jo	f	en	2026-11-30 14:14:59.656582	Jo Token	\N	ACTIVE	Europe/Paris	\N	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
5dfdd284-2856-4825-9897-8b42bddfed27	\N	2026-11-30 14:14:49.867544	paula@example.test	paula@example.test	t	Word	Paula	f	\N	2026-11-30 14:15:01.264347	Paula	PBKDF2WithHmacSHA256:210000:kORfL41y68kA7dVE7oQMAQ==:ekVVf6fQi3dPpYStomouoIqzsX3hZQ/UirN4I23ZIQQ=	ACTIVE	\N	\N	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
\.


--
-- Data for Name: member_domain; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.member_domain (member_id, url, domain_key) FROM stdin;
cc2866a6-fe07-4e02-b9c9-5010aedd5aa1	https://app.example.test	app
\.


--
-- Data for Name: member_group; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.member_group (member_id, group_id) FROM stdin;
cc2866a6-fe07-4e02-b9c9-5010aedd5aa1	3fbbc2a4-8a84-4793-bed5-4a6b9c0a557f
\.


--
-- Data for Name: member_property; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.member_property (member_id, property_value, property_name) FROM stdin;
cc2866a6-fe07-4e02-b9c9-5010aedd5aa1	Acme	company
\.


--
-- Data for Name: participant_session; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.participant_session (token_hash, admission_level, created_at, door, expires_at, last_used_at, revoked_at, member_id, space_id) FROM stdin;
9ffe1e75b23238483e472b5a9adbe396b9e28a6f6f06795e0b26dedcfcd76462	NICKNAME	2026-11-30 14:14:53.456683	uri-auth	2036-11-27 14:14:53.456683	2026-11-30 14:14:53.456683	\N	2b48452f-735c-4b31-9b64-91b305f5e762	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
75bc1dc46208d30f53c2be96ce408f61cb6ac3faadd0fa3531649a377ad4fbf8	SSO	2026-11-30 14:14:59.686761	jwt-sso	2036-11-27 14:14:59.686761	2026-11-30 14:14:59.686761	\N	cc2866a6-fe07-4e02-b9c9-5010aedd5aa1	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
a20eff57770df4ccb07bf78f1b8a7195e004e32fa0b136a392e4ee313e8981b3	NICKNAME_EMAIL	2026-11-30 14:15:01.267785	password	2036-11-27 14:15:01.267785	2026-11-30 14:15:01.267785	\N	5dfdd284-2856-4825-9897-8b42bddfed27	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
\.


--
-- Data for Name: space; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.space (id, allowed_origins, created_at, custom_properties, landing_url, link_by_email, name, previous_secret_until, previous_signing_secret, signing_secret, signed_links_required, slug, version, visibility) FROM stdin;
6488c7d6-9c5d-46ac-97cc-1ccf1a54391d	https://intranet.example.test	2026-11-30 14:14:47.17876	company\nteam	\N	f	Upgrade Space	\N	\N	v1:reNp3NWW5VDF4wN21v2PZBBQ8oN72U2JE2MmNDK9vfx3UHd9UkKpTHdjWK/J4Co59Djn8z92ZVVre1mG9tZCWUKaZtak1DE=	t	upgrade	1	PUBLIC
\.


--
-- Data for Name: space_group; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.space_group (id, name, space_id) FROM stdin;
3fbbc2a4-8a84-4793-bed5-4a6b9c0a557f	Moderators	6488c7d6-9c5d-46ac-97cc-1ccf1a54391d
\.


--
-- Data for Name: used_credential; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.used_credential (credential_hash, expires_at) FROM stdin;
6effb9ce805b5d747950a698d4f4bb5afddecb91e72d013490af406b9e0015e1	2026-11-30 14:20:51
129ab3964587b57b2d05053b82274ca599b73fed9399c8683f3b41273494f29f	2026-11-30 14:16:24
51bbf0d0cc8afff3a7f2b1fd1546025095548e9ba076d488b4543de9256e0581	2036-11-27 14:14:01
\.


--
-- Name: chat_event chat_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_event
    ADD CONSTRAINT chat_event_pkey PRIMARY KEY (id);


--
-- Name: event_join event_join_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_join
    ADD CONSTRAINT event_join_pkey PRIMARY KEY (id);


--
-- Name: jwt_sso_settings jwt_sso_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jwt_sso_settings
    ADD CONSTRAINT jwt_sso_settings_pkey PRIMARY KEY (space_id);


--
-- Name: linked_identity linked_identity_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.linked_identity
    ADD CONSTRAINT linked_identity_key UNIQUE (space_id, provider, external_id);


--
-- Name: linked_identity linked_identity_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.linked_identity
    ADD CONSTRAINT linked_identity_pkey PRIMARY KEY (id);


--
-- Name: login_record login_record_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_record
    ADD CONSTRAINT login_record_pkey PRIMARY KEY (id);


--
-- Name: member_group member_group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_group
    ADD CONSTRAINT member_group_pkey PRIMARY KEY (member_id, group_id);


--
-- Name: member member_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member
    ADD CONSTRAINT member_pkey PRIMARY KEY (id);


--
-- Name: participant_session participant_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant_session
    ADD CONSTRAINT participant_session_pkey PRIMARY KEY (token_hash);


--
-- Name: space_group space_group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.space_group
    ADD CONSTRAINT space_group_pkey PRIMARY KEY (id);


--
-- Name: space space_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.space
    ADD CONSTRAINT space_pkey PRIMARY KEY (id);


--
-- Name: space space_slug; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.space
    ADD CONSTRAINT space_slug UNIQUE (slug);


--
-- Name: used_credential used_credential_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.used_credential
    ADD CONSTRAINT used_credential_pkey PRIMARY KEY (credential_hash);


--
-- Name: event_join_member; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_join_member ON public.event_join USING btree (member_id, event_id);


--
-- Name: login_record_account_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_record_account_at ON public.login_record USING btree (account, at);


--
-- Name: member_space_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX member_space_email_key ON public.member USING btree (space_id, email_key);


--
-- Name: chat_event fk_chat_event_space_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_event
    ADD CONSTRAINT fk_chat_event_space_id FOREIGN KEY (space_id) REFERENCES public.space(id);


--
-- Name: event_join fk_event_join_event_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_join
    ADD CONSTRAINT fk_event_join_event_id FOREIGN KEY (event_id) REFERENCES public.chat_event(id);


--
-- Name: event_join fk_event_join_member_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_join
    ADD CONSTRAINT fk_event_join_member_id FOREIGN KEY (member_id) REFERENCES public.member(id);


--
-- Name: linked_identity fk_linked_identity_member_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.linked_identity
    ADD CONSTRAINT fk_linked_identity_member_id FOREIGN KEY (member_id) REFERENCES public.member(id);


--
-- Name: linked_identity fk_linked_identity_space_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.linked_identity
    ADD CONSTRAINT fk_linked_identity_space_id FOREIGN KEY (space_id) REFERENCES public.space(id);


--
-- Name: member_domain fk_member_domain_member_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_domain
    ADD CONSTRAINT fk_member_domain_member_id FOREIGN KEY (member_id) REFERENCES public.member(id);


--
-- Name: member_group fk_member_group_group_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_group
    ADD CONSTRAINT fk_member_group_group_id FOREIGN KEY (group_id) REFERENCES public.space_group(id);


--
-- Name: member_group fk_member_group_member_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_group
    ADD CONSTRAINT fk_member_group_member_id FOREIGN KEY (member_id) REFERENCES public.member(id);


--
-- Name: member_property fk_member_property_member_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_property
    ADD CONSTRAINT fk_member_property_member_id FOREIGN KEY (member_id) REFERENCES public.member(id);


--
-- Name: member fk_member_space_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member
    ADD CONSTRAINT fk_member_space_id FOREIGN KEY (space_id) REFERENCES public.space(id);


--
-- Name: participant_session fk_participant_session_member_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant_session
    ADD CONSTRAINT fk_participant_session_member_id FOREIGN KEY (member_id) REFERENCES public.member(id);


--
-- Name: participant_session fk_participant_session_space_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant_session
    ADD CONSTRAINT fk_participant_session_space_id FOREIGN KEY (space_id) REFERENCES public.space(id);


--
-- Name: space_group fk_space_group_space_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.space_group
    ADD CONSTRAINT fk_space_group_space_id FOREIGN KEY (space_id) REFERENCES public.space(id);


--
-- PostgreSQL database dump complete
--

\unrestrict kgjrpDwVQXPS6GsdBJBPU9NKQfFwAAbJekjU8H6q0fsMfcsZOD2ofEhwNvtf9SS

