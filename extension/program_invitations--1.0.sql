/*
 * program_invitations--1.0.sql
 *		Install script of program_invitations 1.0.
 *
 * Declares only: the tables and their indexes, the composite type the
 * functions return, the C function signatures with their comments, and the
 * privileges.  Every rule lives in the C library.
 */

\echo Use "CREATE EXTENSION program_invitations" to load this file. \quit

COMMENT ON SCHEMA program_invitations IS
'Program invitations: invite a person, by email or username, into a program.';

REVOKE ALL ON SCHEMA program_invitations FROM PUBLIC;

/*
 * The case-insensitive key of an email or username: trimmed, NFC, then
 * Unicode simple case folding through ICU, so that matching never depends on
 * the database's locale.  Internal: its only parameter is unnamed, so
 * PostgREST cannot publish it, and nobody but the owner may execute it.
 */
CREATE FUNCTION program_invitations.text_key(text)
RETURNS text
AS 'MODULE_PATHNAME', 'pi_text_key'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION program_invitations.text_key(text) IS
'Internal: the case-insensitive comparison key of an email or username.';

REVOKE ALL ON FUNCTION program_invitations.text_key(text) FROM PUBLIC;

CREATE TABLE program_invitations.programs (
    program_key text PRIMARY KEY,
    org         text NOT NULL,
    name        text,
    UNIQUE (org, program_key)
);

COMMENT ON TABLE program_invitations.programs IS
'Programs that people can be invited into, each owned by one org.';

CREATE TABLE program_invitations.users (
    user_id      bigint PRIMARY KEY,
    username     text,
    email        text,
    username_key text GENERATED ALWAYS AS
                 (program_invitations.text_key(username)) STORED,
    email_key    text GENERATED ALWAYS AS
                 (program_invitations.text_key(email)) STORED
);

CREATE UNIQUE INDEX users_username_key_idx
    ON program_invitations.users (username_key);
CREATE UNIQUE INDEX users_email_key_idx
    ON program_invitations.users (email_key);

COMMENT ON TABLE program_invitations.users IS
'Platform users that invitations are linked to; username and email are unique case-insensitively.';

CREATE SEQUENCE program_invitations.invitation_id_seq AS bigint;

/*
 * Keys include the org (the primary key is (org, id) and the program is
 * referenced through (org, program_key)), so that the table can later be
 * split by org.
 */
CREATE TABLE program_invitations.invitations (
    id           bigint NOT NULL
                 DEFAULT nextval('program_invitations.invitation_id_seq'),
    org          text NOT NULL,
    program_key  text NOT NULL,
    user_id      bigint REFERENCES program_invitations.users (user_id),
    username     text,
    email        text,
    created      timestamptz NOT NULL,
    started      timestamptz,
    expired      timestamptz,
    source       text,
    redirect_to  text,
    active       boolean NOT NULL DEFAULT true,
    metadata     jsonb NOT NULL DEFAULT '{}',
    username_key text GENERATED ALWAYS AS
                 (program_invitations.text_key(username)) STORED,
    email_key    text GENERATED ALWAYS AS
                 (program_invitations.text_key(email)) STORED,
    PRIMARY KEY (org, id),
    FOREIGN KEY (org, program_key)
        REFERENCES program_invitations.programs (org, program_key)
        ON UPDATE CASCADE,
    CHECK (jsonb_typeof(metadata) = 'object')
);

ALTER SEQUENCE program_invitations.invitation_id_seq
    OWNED BY program_invitations.invitations.id;

COMMENT ON TABLE program_invitations.invitations IS
'Program invitations; status is derived from active, started and expired, never stored.';

/* At most one open (active, not started) invitation per email and program. */
CREATE UNIQUE INDEX invitations_open_email_idx
    ON program_invitations.invitations (program_key, email_key)
    WHERE active AND started IS NULL AND email_key IS NOT NULL;
/* ... and per username and program. */
CREATE UNIQUE INDEX invitations_open_username_idx
    ON program_invitations.invitations (program_key, username_key)
    WHERE active AND started IS NULL AND username_key IS NOT NULL;

/* Filters, and the default sort (-id) inside a program. */
CREATE INDEX invitations_id_idx
    ON program_invitations.invitations (id);
CREATE INDEX invitations_program_id_idx
    ON program_invitations.invitations (program_key, id);
CREATE INDEX invitations_email_key_idx
    ON program_invitations.invitations (email_key, id);
CREATE INDEX invitations_username_key_idx
    ON program_invitations.invitations (username_key, id);
CREATE INDEX invitations_program_source_idx
    ON program_invitations.invitations (program_key, source, id);
CREATE INDEX invitations_metadata_idx
    ON program_invitations.invitations USING gin (metadata jsonb_path_ops);
CREATE INDEX invitations_user_id_idx
    ON program_invitations.invitations (user_id);
/* Sorts by time inside a program. */
CREATE INDEX invitations_program_created_idx
    ON program_invitations.invitations (program_key, created, id);
CREATE INDEX invitations_program_expired_idx
    ON program_invitations.invitations (program_key, expired, id);

SELECT pg_catalog.pg_extension_config_dump('program_invitations.programs', '');
SELECT pg_catalog.pg_extension_config_dump('program_invitations.users', '');
SELECT pg_catalog.pg_extension_config_dump('program_invitations.invitations', '');
SELECT pg_catalog.pg_extension_config_dump('program_invitations.invitation_id_seq', '');

/*
 * Who may do what: the seed's three roles, granted to principals (a role
 * name, a JWT claim's value or an API key's principal).  A program_admin
 * grant carries its program's org, kept in step through the foreign key.
 */
CREATE TABLE program_invitations.role_grants (
    principal   text NOT NULL,
    role        text NOT NULL,
    org         text,
    program_key text,
    granted     timestamptz NOT NULL,
    CHECK (role IN ('dm_admin', 'platform_admin', 'program_admin')),
    CHECK (CASE role
               WHEN 'dm_admin' THEN org IS NULL AND program_key IS NULL
               WHEN 'platform_admin' THEN org IS NOT NULL
                                          AND program_key IS NULL
               ELSE org IS NOT NULL AND program_key IS NOT NULL
           END),
    FOREIGN KEY (org, program_key)
        REFERENCES program_invitations.programs (org, program_key)
        ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE UNIQUE INDEX role_grants_unique_idx
    ON program_invitations.role_grants
       (principal, role, COALESCE(org, ''), COALESCE(program_key, ''));

COMMENT ON TABLE program_invitations.role_grants IS
'Roles granted to principals: dm_admin, platform_admin of an org, program_admin of a program.';

/* Roles PostgREST switches into, and the JWT claim that names the principal. */
CREATE TABLE program_invitations.postgrest_roles (
    role_name text PRIMARY KEY,
    claim     text NOT NULL DEFAULT 'sub',
    declared  timestamptz NOT NULL
);

COMMENT ON TABLE program_invitations.postgrest_roles IS
'Database roles that PostgREST switches into; in them the principal is the named JWT claim.';

/* API keys: only the SHA-256 of each secret is kept. */
CREATE TABLE program_invitations.api_keys (
    key_id      text PRIMARY KEY,
    principal   text NOT NULL,
    secret_hash bytea NOT NULL,
    read_only   boolean NOT NULL DEFAULT false,
    created     timestamptz NOT NULL,
    expires     timestamptz,
    revoked     timestamptz,
    last_used   timestamptz
);

CREATE INDEX api_keys_principal_idx
    ON program_invitations.api_keys (principal);

COMMENT ON TABLE program_invitations.api_keys IS
'API keys: key_id, principal, the SHA-256 of the secret (never the secret), limits and use.';

/*
 * Every backend keeps copies of the role tables; a change to either one
 * tells them all to drop theirs.
 */
CREATE FUNCTION program_invitations.role_tables_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'pi_role_tables_changed'
LANGUAGE C;

COMMENT ON FUNCTION program_invitations.role_tables_changed() IS
'Internal: tells every backend that the role tables changed.';

REVOKE ALL ON FUNCTION program_invitations.role_tables_changed() FROM PUBLIC;

CREATE TRIGGER role_grants_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON program_invitations.role_grants
    FOR EACH STATEMENT
    EXECUTE FUNCTION program_invitations.role_tables_changed();

CREATE TRIGGER postgrest_roles_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON program_invitations.postgrest_roles
    FOR EACH STATEMENT
    EXECUTE FUNCTION program_invitations.role_tables_changed();

SELECT pg_catalog.pg_extension_config_dump('program_invitations.role_grants', '');
SELECT pg_catalog.pg_extension_config_dump('program_invitations.postgrest_roles', '');
SELECT pg_catalog.pg_extension_config_dump('program_invitations.api_keys', '');

/* What every function returns: the seed's twelve fields, then org and status. */
CREATE TYPE program_invitations.invitation AS (
    id          bigint,
    user_id     bigint,
    username    text,
    email       text,
    created     timestamptz,
    started     timestamptz,
    expired     timestamptz,
    source      text,
    redirect_to text,
    active      boolean,
    metadata    jsonb,
    program_key text,
    org         text,
    status      text
);

COMMENT ON TYPE program_invitations.invitation IS
'An invitation as the API returns it: the twelve stored fields, its org and its derived status (pending, accepted, expired or inactive).';

CREATE FUNCTION program_invitations.create_invitation(
    program_key text,
    email       text        DEFAULT NULL,
    username    text        DEFAULT NULL,
    active      boolean     DEFAULT true,
    source      text        DEFAULT NULL,
    redirect_to text        DEFAULT NULL,
    created     timestamptz DEFAULT NULL,
    expired     timestamptz DEFAULT NULL,
    metadata    jsonb       DEFAULT NULL)
RETURNS program_invitations.invitation
AS 'MODULE_PATHNAME', 'pi_create_invitation'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.create_invitation(text, text, text,
    boolean, text, text, timestamptz, timestamptz, jsonb) IS
'Invite a person into a program, or update their open invitation.
Creates an invitation, or updates in place the open (active, not started) invitation of the same program with the same email or username, compared case-insensitively.
program_key: the program (must exist).
email: the address to invite; trimmed and NFC-normalised; email or username is required.
username: the platform username to invite; linked to a known user when one matches.
active: whether the invitation can be accepted (NULL means true).
source: free text naming where the invitation came from, up to 255 characters.
redirect_to: an absolute http or https URL to send the person to after accepting.
created: when it was created (default: the transaction time).
expired: when it expires, later than created (NULL: never).
metadata: a JSON object; on update it is merged into the stored one, new keys winning.';

CREATE FUNCTION program_invitations.list_invitations(
    program_key text    DEFAULT NULL,
    org         text    DEFAULT NULL,
    email       text    DEFAULT NULL,
    username    text    DEFAULT NULL,
    source      text    DEFAULT NULL,
    active      boolean DEFAULT NULL,
    metadata    jsonb   DEFAULT NULL,
    sort        text    DEFAULT '-id',
    page        integer DEFAULT 1,
    page_size   integer DEFAULT 20,
    cursor      text    DEFAULT NULL)
RETURNS SETOF program_invitations.invitation
AS 'MODULE_PATHNAME', 'pi_list_invitations'
LANGUAGE C STABLE;

COMMENT ON FUNCTION program_invitations.list_invitations(text, text, text,
    text, text, boolean, jsonb, text, integer, integer, text) IS
'List one page of invitations, filtered and sorted.
Filters combine with AND; NULL means no filter.
program_key, org, source: exact match.
email, username: exact match, case-insensitive.
active: exact match.
metadata: containment; keeps rows whose metadata holds every pair of this JSON object.
sort: comma-separated fields, each optionally prefixed by - for descending: id, created, started, expired, email, username, source, active, program_key, user_id; id always breaks ties.
page: the page number, from 1.
page_size: rows per page, from 1 to program_invitations.max_page_size.
cursor: the next_cursor of an earlier invitation_page with the same filters and sort; resumes right after that page at the same cost at any depth (page must then be 1).';

CREATE FUNCTION program_invitations.count_invitations(
    program_key text    DEFAULT NULL,
    org         text    DEFAULT NULL,
    email       text    DEFAULT NULL,
    username    text    DEFAULT NULL,
    source      text    DEFAULT NULL,
    active      boolean DEFAULT NULL,
    metadata    jsonb   DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'pi_count_invitations'
LANGUAGE C STABLE;

COMMENT ON FUNCTION program_invitations.count_invitations(text, text, text,
    text, text, boolean, jsonb) IS
'Count the invitations that list_invitations would return over all pages.
program_key, org, source: exact match.
email, username: exact match, case-insensitive.
active: exact match.
metadata: containment (@>) of this JSON object.';

CREATE FUNCTION program_invitations.invitation_page(
    program_key text    DEFAULT NULL,
    org         text    DEFAULT NULL,
    email       text    DEFAULT NULL,
    username    text    DEFAULT NULL,
    source      text    DEFAULT NULL,
    active      boolean DEFAULT NULL,
    metadata    jsonb   DEFAULT NULL,
    sort        text    DEFAULT '-id',
    page        integer DEFAULT 1,
    page_size   integer DEFAULT 20,
    verbose     boolean DEFAULT false,
    cursor      text    DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'pi_invitation_page'
LANGUAGE C STABLE;

COMMENT ON FUNCTION program_invitations.invitation_page(text, text, text,
    text, text, boolean, jsonb, text, integer, integer, boolean, text) IS
'One page of invitations as a JSON envelope: count, next_page, previous_page, next_cursor and results.
next_page and previous_page repeat every filter, the sort and the page size, prefixed by program_invitations.page_url; next_cursor resumes after this page.
program_key, org, source: exact match.
email, username: exact match, case-insensitive.
active: exact match.
metadata: containment; keeps rows whose metadata holds every pair of this JSON object.
sort: comma-separated fields, each optionally prefixed by - for descending: id, created, started, expired, email, username, source, active, program_key, user_id; id always breaks ties.
page: the page number, from 1.
page_size: rows per page, from 1 to program_invitations.max_page_size.
verbose: also give each result its org and status.
cursor: the next_cursor of an earlier page with the same filters and sort (page must then be 1).';

CREATE FUNCTION program_invitations.delete_invitation(
    id  bigint,
    org text)
RETURNS program_invitations.invitation
AS 'MODULE_PATHNAME', 'pi_delete_invitation'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.delete_invitation(bigint, text) IS
'Delete one invitation of an org and return it.
id: the invitation.
org: its org; a row of another org is not found, as if it did not exist.';

REVOKE ALL ON FUNCTION program_invitations.create_invitation(text, text, text,
    boolean, text, text, timestamptz, timestamptz, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.list_invitations(text, text, text,
    text, text, boolean, jsonb, text, integer, integer, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.count_invitations(text, text, text,
    text, text, boolean, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.invitation_page(text, text, text,
    text, text, boolean, jsonb, text, integer, integer, boolean, text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.delete_invitation(bigint, text)
    FROM PUBLIC;

/* The administration functions: DM admins only. */

CREATE TYPE program_invitations.role_grant AS (
    principal   text,
    role        text,
    org         text,
    program_key text,
    granted     timestamptz
);

COMMENT ON TYPE program_invitations.role_grant IS
'A role granted to a principal, as list_grants returns it.';

CREATE TYPE program_invitations.api_key AS (
    key_id    text,
    principal text,
    read_only boolean,
    created   timestamptz,
    expires   timestamptz,
    revoked   timestamptz,
    last_used timestamptz
);

COMMENT ON TYPE program_invitations.api_key IS
'An API key as list_api_keys returns it: never its secret nor the secret''s hash.';

CREATE FUNCTION program_invitations.upsert_program(
    program_key text,
    org         text,
    name        text DEFAULT NULL)
RETURNS program_invitations.programs
AS 'MODULE_PATHNAME', 'pi_upsert_program'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.upsert_program(text, text, text) IS
'Create a program or update one (DM admins only).
program_key: the program.
org: the org it belongs to; required for a new program, NULL keeps the stored one.
name: its display name; NULL keeps the stored one.';

CREATE FUNCTION program_invitations.upsert_user(
    user_id  bigint,
    username text DEFAULT NULL,
    email    text DEFAULT NULL)
RETURNS program_invitations.users
AS 'MODULE_PATHNAME', 'pi_upsert_user'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.upsert_user(bigint, text, text) IS
'Create a platform user or update one (DM admins only); invitations link to users by email or username.
user_id: the user.
username: unique case-insensitively; NULL keeps the stored one.
email: unique case-insensitively; NULL keeps the stored one.';

CREATE FUNCTION program_invitations.grant_role(
    principal   text,
    role        text,
    org         text DEFAULT NULL,
    program_key text DEFAULT NULL)
RETURNS void
AS 'MODULE_PATHNAME', 'pi_grant_role'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.grant_role(text, text, text, text) IS
'Grant a role to a principal (DM admins only); granting it again changes nothing.
principal: a role name, a JWT claim value or an API key principal.
role: dm_admin, platform_admin (reads an org) or program_admin (reads and writes a program).
org: the org of a platform_admin.
program_key: the program of a program_admin.';

CREATE FUNCTION program_invitations.revoke_role(
    principal   text,
    role        text,
    org         text DEFAULT NULL,
    program_key text DEFAULT NULL)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pi_revoke_role'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.revoke_role(text, text, text, text) IS
'Take a role back from a principal (DM admins only); false when it was not granted.
principal: as in grant_role.
role: dm_admin, platform_admin or program_admin.
org: the org of a platform_admin.
program_key: the program of a program_admin.';

CREATE FUNCTION program_invitations.declare_postgrest_role(
    role_name text,
    claim     text DEFAULT 'sub')
RETURNS void
AS 'MODULE_PATHNAME', 'pi_declare_postgrest_role'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.declare_postgrest_role(text, text) IS
'Declare a database role that PostgREST switches into (DM admins only); in it the principal is a JWT claim.
role_name: a role only PostgREST''s authenticator can switch into.
claim: the claim of request.jwt.claims that names the principal.';

CREATE FUNCTION program_invitations.undeclare_postgrest_role(
    role_name text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pi_undeclare_postgrest_role'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.undeclare_postgrest_role(text) IS
'Undo declare_postgrest_role (DM admins only); false when the role was not declared.
role_name: the declared role.';

CREATE FUNCTION program_invitations.create_api_key(
    principal text,
    read_only boolean     DEFAULT false,
    expires   timestamptz DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'pi_create_api_key'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.create_api_key(text, boolean,
    timestamptz) IS
'Make an API key (DM admins only) and return it as key_id.secret: the only time the secret is shown.
principal: whom the key identifies.
read_only: the key may only read.
expires: when the key stops working (NULL: never).';

CREATE FUNCTION program_invitations.revoke_api_key(
    key_id text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pi_revoke_api_key'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.revoke_api_key(text) IS
'Revoke an API key (DM admins only); false when unknown or revoked already.
key_id: the part of the key before the dot.';

CREATE FUNCTION program_invitations.grant_api(
    role_name text)
RETURNS void
AS 'MODULE_PATHNAME', 'pi_grant_api'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.grant_api(text) IS
'Let a database role call the API (DM admins only): USAGE on the schema and EXECUTE on every API function, nothing else.
role_name: the role.';

CREATE FUNCTION program_invitations.list_grants(
    principal text DEFAULT NULL)
RETURNS SETOF program_invitations.role_grant
AS 'MODULE_PATHNAME', 'pi_list_grants'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.list_grants(text) IS
'List role grants (DM admins only).
principal: only this principal''s grants (NULL: all).';

CREATE FUNCTION program_invitations.list_api_keys(
    principal text DEFAULT NULL)
RETURNS SETOF program_invitations.api_key
AS 'MODULE_PATHNAME', 'pi_list_api_keys'
LANGUAGE C VOLATILE;

COMMENT ON FUNCTION program_invitations.list_api_keys(text) IS
'List API keys (DM admins only), never their secrets.
principal: only this principal''s keys (NULL: all).';

REVOKE ALL ON FUNCTION program_invitations.upsert_program(text, text, text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.upsert_user(bigint, text, text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.grant_role(text, text, text, text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.revoke_role(text, text, text, text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.declare_postgrest_role(text, text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.undeclare_postgrest_role(text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.create_api_key(text, boolean,
    timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.revoke_api_key(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.grant_api(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.list_grants(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION program_invitations.list_api_keys(text) FROM PUBLIC;

NOTIFY pgrst, 'reload schema';
