/*
 * test/bench/plpgsql_peer.sql
 *      The PL/pgSQL peer of program_invitations: the same five functions
 *      (list, count, page with the envelope and a keyset cursor, create
 *      with the upsert, delete) in schema bench_plpgsql, written the way a
 *      competent engineer would write them in PL/pgSQL, over the
 *      extension's own tables.  The benchmark compares the C functions
 *      with these.
 *
 * Load it as a superuser after CREATE EXTENSION program_invitations.
 *
 * How it differs from the C, on purpose:
 *  - Listing statements are built with format() from a whitelist of sort
 *    fields and only the present filters, and run with EXECUTE ... USING:
 *    planned at every call (PL/pgSQL keeps no plan of dynamic SQL).
 *  - Validation is regex-based: an email is a dot-atom local part of
 *    letters, digits and the RFC 5322 specials and a domain of at least two
 *    labels, the last not all digits, with the byte limits.  It agrees with
 *    the C on ordinary input, not on every corner of the contract (label
 *    byte lengths, combining marks, format and private-use characters).
 *  - The caller check reads the setting is_superuser.
 *  - Its cursor is its own opaque format (base64url of a small JSON array);
 *    cursors of the two implementations are not interchangeable.
 * Comparisons use the extension's key function text_key, so that every
 * filter and the upsert hit the same indexes as the C does.
 */

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP SCHEMA IF EXISTS bench_plpgsql CASCADE;
CREATE SCHEMA bench_plpgsql;

/* A parsed sort: the fields, id appended as the tie-breaker. */
CREATE TYPE bench_plpgsql.sort_spec AS (
    names       text[],     -- the fields, tie-breaker included
    descending  boolean[],
    nnamed      integer,    -- how many the caller named
    sort_text   text        -- the named part, written back
);

/* Trims ASCII white space, puts the text in NFC; blank is NULL. */
CREATE FUNCTION bench_plpgsql.clean(raw text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT NULLIF(pg_catalog.normalize(
               pg_catalog.btrim(raw, E' \t\n\r\f\v'), 'NFC'), '')
$$;

/* Percent-encodes every byte but RFC 3986's unreserved characters. */
CREATE FUNCTION bench_plpgsql.url_encode(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT pg_catalog.string_agg(
               CASE WHEN b BETWEEN 65 AND 90 OR b BETWEEN 97 AND 122
                         OR b BETWEEN 48 AND 57 OR b IN (45, 46, 95, 126)
                    THEN pg_catalog.chr(b)
                    ELSE '%' || pg_catalog.upper(
                                    pg_catalog.lpad(pg_catalog.to_hex(b), 2, '0'))
               END, '' ORDER BY n)
      FROM (SELECT n, pg_catalog.get_byte(x, n) AS b
              FROM (SELECT pg_catalog.convert_to(value, 'UTF8') AS x) s,
                   pg_catalog.generate_series(0, pg_catalog.length(x) - 1) AS n) t
$$;

/* The caller check: superusers only, as the extension in this version. */
CREATE FUNCTION bench_plpgsql.require_caller(function_name text) RETURNS void
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    IF NOT pg_catalog.current_setting('is_superuser')::boolean THEN
        RAISE EXCEPTION 'permission denied for function %', function_name
            USING ERRCODE = '42501',
                  HINT = 'Only superusers may call the API in this version.';
    END IF;
END
$$;

/* Parses a sort against the whitelist; 22023 for anything else. */
CREATE FUNCTION bench_plpgsql.parse_sort(raw text) RETURNS bench_plpgsql.sort_spec
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    spec    bench_plpgsql.sort_spec;
    part    text;
    name    text;
    desc_   boolean;
BEGIN
    spec.names := '{}';
    spec.descending := '{}';
    IF raw IS NULL THEN
        raw := '-id';
    END IF;
    FOREACH part IN ARRAY pg_catalog.string_to_array(raw, ',') LOOP
        desc_ := pg_catalog.left(part, 1) = '-';
        name := CASE WHEN desc_ THEN pg_catalog.substr(part, 2) ELSE part END;
        IF name IS NULL OR name NOT IN ('id', 'created', 'started', 'expired',
                'email', 'username', 'source', 'active', 'program_key',
                'user_id') OR name = ANY (spec.names) THEN
            RAISE EXCEPTION 'invalid value for parameter "sort": "%"', raw
                USING ERRCODE = '22023',
                      HINT = 'Sort by one or more of id, created, started, '
                             'expired, email, username, source, active, '
                             'program_key and user_id, comma-separated, each '
                             'optionally prefixed by "-" for descending order.';
        END IF;
        spec.names := spec.names || name;
        spec.descending := spec.descending || desc_;
    END LOOP;
    IF raw = '' THEN
        RAISE EXCEPTION 'invalid value for parameter "sort": "%"', raw
            USING ERRCODE = '22023';
    END IF;
    spec.nnamed := pg_catalog.cardinality(spec.names);
    spec.sort_text := raw;
    IF NOT 'id' = ANY (spec.names) THEN
        spec.names := spec.names || 'id'::text;
        spec.descending := spec.descending || spec.descending[spec.nnamed];
    END IF;
    RETURN spec;
END
$$;

/* The SQL expression a sort field sorts on, and its type. */
CREATE FUNCTION bench_plpgsql.sort_expression(name text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE name
        WHEN 'email' THEN 'pg_catalog.lower(i.email)'
        WHEN 'username' THEN 'pg_catalog.lower(i.username)'
        WHEN 'source' THEN 'pg_catalog.lower(i.source)'
        ELSE 'i.' || pg_catalog.quote_ident(name)
    END
$$;

CREATE FUNCTION bench_plpgsql.sort_type(name text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE
        WHEN name IN ('id', 'user_id') THEN 'bigint'
        WHEN name IN ('created', 'started', 'expired') THEN 'timestamptz'
        WHEN name = 'active' THEN 'boolean'
        ELSE 'text'
    END
$$;

/* The ORDER BY list of a sort. */
CREATE FUNCTION bench_plpgsql.order_by(spec bench_plpgsql.sort_spec) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT pg_catalog.string_agg(
               bench_plpgsql.sort_expression(n) ||
               CASE WHEN d THEN ' DESC' ELSE ' ASC' END, ', ' ORDER BY k)
      FROM unnest(spec.names, spec.descending) WITH ORDINALITY AS s(n, d, k)
$$;

/*
 * The WHERE clause of the present filters, on parameters $1 to $7:
 * program_key, org, email key, username key, source, active, metadata.
 */
CREATE FUNCTION bench_plpgsql.where_clause(
    program_key text, org text, email_key text, username_key text,
    source text, active boolean, metadata jsonb) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT COALESCE(' WHERE ' || pg_catalog.array_to_string(ARRAY[
        CASE WHEN program_key IS NOT NULL THEN 'i.program_key = $1' END,
        CASE WHEN org IS NOT NULL THEN 'i.org = $2' END,
        CASE WHEN email_key IS NOT NULL THEN 'i.email_key = $3' END,
        CASE WHEN username_key IS NOT NULL THEN 'i.username_key = $4' END,
        CASE WHEN source IS NOT NULL THEN 'i.source = $5' END,
        CASE WHEN active IS NOT NULL THEN 'i.active = $6' END,
        CASE WHEN metadata IS NOT NULL THEN 'i.metadata @> $7' END
    ], ' AND '), '')
$$;

/*
 * The condition "after the cursor's row": strictly after on key k, or
 * equal on it and after on the next keys; NULLs last ascending, first
 * descending.  The cursor's values are the text array $10, cast back.
 * A redundant bound on the first key lets an index start at the row.
 */
CREATE FUNCTION bench_plpgsql.rows_after(spec bench_plpgsql.sort_spec,
                                         cursor_keys jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    n       integer := pg_catalog.cardinality(spec.names);
    k       integer;
    e       text;
    v       text;
    key_null  boolean;
    after   text;
    cond    text;
BEGIN
    FOR k IN REVERSE n .. 1 LOOP
        e := bench_plpgsql.sort_expression(spec.names[k]);
        v := pg_catalog.format('($10[%s])::%s', k,
                               bench_plpgsql.sort_type(spec.names[k]));
        key_null := pg_catalog.jsonb_typeof(cursor_keys -> (k - 1)) = 'null';
        IF key_null THEN
            after := CASE WHEN spec.descending[k]
                          THEN e || ' IS NOT NULL' ELSE 'false' END;
        ELSIF spec.descending[k] THEN
            after := pg_catalog.format('%s < %s', e, v);
        ELSIF spec.names[k] IN ('id', 'created', 'active', 'program_key') THEN
            after := pg_catalog.format('%s > %s', e, v);
        ELSE
            after := pg_catalog.format('(%s > %s OR %s IS NULL)', e, v, e);
        END IF;
        IF cond IS NULL THEN
            cond := after;
        ELSE
            cond := pg_catalog.format('(%s OR (%s AND %s))', after,
                        CASE WHEN key_null THEN e || ' IS NULL'
                             ELSE pg_catalog.format('%s = %s', e, v) END,
                        cond);
        END IF;
    END LOOP;
    IF pg_catalog.jsonb_typeof(cursor_keys -> 0) <> 'null' AND
       (spec.descending[1] OR spec.names[1] IN ('id', 'created', 'active',
                                                 'program_key')) THEN
        cond := pg_catalog.format('%s %s ($10[1])::%s AND %s',
                    bench_plpgsql.sort_expression(spec.names[1]),
                    CASE WHEN spec.descending[1] THEN '<=' ELSE '>=' END,
                    bench_plpgsql.sort_type(spec.names[1]), cond);
    END IF;
    RETURN cond;
END
$$;

/* The digest of the cleaned filters that a cursor carries. */
CREATE FUNCTION bench_plpgsql.filter_digest(
    program_key text, org text, email_key text, username_key text,
    source text, active boolean, metadata jsonb) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT pg_catalog.left(pg_catalog.md5(pg_catalog.jsonb_build_array(
               program_key, org, email_key, username_key, source, active,
               metadata)::text), 16)
$$;

CREATE FUNCTION bench_plpgsql.encode_cursor(sort_text text, digest text,
                                            keys jsonb) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT pg_catalog.rtrim(pg_catalog.translate(pg_catalog.encode(
               pg_catalog.convert_to(pg_catalog.jsonb_build_array(
                   1, sort_text, digest, keys)::text, 'UTF8'),
               'base64'), E'+/\n', '-_'), '=')
$$;

/* Decodes a cursor of this sort and these filters; 22023 otherwise. */
CREATE FUNCTION bench_plpgsql.decode_cursor(raw text, sort_text text,
                                            digest text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    b64     text;
    decoded jsonb;
BEGIN
    BEGIN
        IF raw !~ '^[A-Za-z0-9_-]+$' THEN
            RAISE EXCEPTION 'not base64url';
        END IF;
        b64 := pg_catalog.translate(raw, '-_', '+/');
        b64 := b64 || pg_catalog.repeat('=', (4 - pg_catalog.length(b64) % 4) % 4);
        decoded := pg_catalog.convert_from(
                       pg_catalog.decode(b64, 'base64'), 'UTF8')::jsonb;
    EXCEPTION WHEN OTHERS THEN
        decoded := NULL;
    END;
    IF decoded IS NULL OR pg_catalog.jsonb_typeof(decoded) <> 'array'
       OR decoded ->> 0 IS DISTINCT FROM '1' THEN
        RAISE EXCEPTION 'invalid value for parameter "cursor": "%"', pg_catalog.left(raw, 64)
            USING ERRCODE = '22023', DETAIL = 'It is not a cursor of this API.';
    END IF;
    IF decoded ->> 1 IS DISTINCT FROM sort_text THEN
        RAISE EXCEPTION 'invalid value for parameter "cursor": "%"', pg_catalog.left(raw, 64)
            USING ERRCODE = '22023', DETAIL = 'It was made for another sort.';
    END IF;
    IF decoded ->> 2 IS DISTINCT FROM digest THEN
        RAISE EXCEPTION 'invalid value for parameter "cursor": "%"', pg_catalog.left(raw, 64)
            USING ERRCODE = '22023', DETAIL = 'It was made for other filters.';
    END IF;
    RETURN decoded -> 3;
END
$$;

/* Checks page and page_size (NULL: 1 and 20); 22023 when out of range. */
CREATE FUNCTION bench_plpgsql.check_paging(INOUT page integer,
                                           INOUT page_size integer)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    max_size integer := COALESCE(pg_catalog.current_setting(
                            'program_invitations.max_page_size', true)::integer,
                            1000);
BEGIN
    page := COALESCE(page, 1);
    page_size := COALESCE(page_size, 20);
    IF page < 1 THEN
        RAISE EXCEPTION 'invalid value for parameter "page": %', page
            USING ERRCODE = '22023', DETAIL = 'Pages are numbered from 1.';
    END IF;
    IF page_size < 1 OR page_size > max_size THEN
        RAISE EXCEPTION 'invalid value for parameter "page_size": %', page_size
            USING ERRCODE = '22023',
                  DETAIL = pg_catalog.format('A page holds from 1 to %s rows.', max_size);
    END IF;
END
$$;

/* A metadata filter must be an object. */
CREATE FUNCTION bench_plpgsql.check_metadata_filter(metadata jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    IF metadata IS NOT NULL AND pg_catalog.jsonb_typeof(metadata) <> 'object' THEN
        RAISE EXCEPTION 'invalid value for parameter "metadata": "%"',
            pg_catalog.left(metadata::text, 64)
            USING ERRCODE = '22023',
                  DETAIL = 'A metadata filter must be a JSON object.';
    END IF;
    RETURN metadata;
END
$$;

/* The columns of the invitation type, read from the table aliased i. */
CREATE FUNCTION bench_plpgsql.columns() RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT 'i.id, i.user_id, i.username, i.email, i.created, i.started, '
           'i.expired, i.source, i.redirect_to, i.active, i.metadata, '
           'i.program_key, i.org, '
           'CASE WHEN NOT i.active THEN ''inactive'' '
           'WHEN i.started IS NOT NULL THEN ''accepted'' '
           'WHEN i.expired <= pg_catalog.statement_timestamp() THEN ''expired'' '
           'ELSE ''pending'' END'
$$;

CREATE FUNCTION bench_plpgsql.list_invitations(
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
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f_program_key   text := bench_plpgsql.clean(program_key);
    f_org           text := bench_plpgsql.clean(org);
    f_email_key     text := program_invitations.text_key(bench_plpgsql.clean(email));
    f_username_key  text := program_invitations.text_key(bench_plpgsql.clean(username));
    f_source        text := bench_plpgsql.clean(source);
    f_metadata      jsonb := bench_plpgsql.check_metadata_filter(metadata);
    spec            bench_plpgsql.sort_spec;
    keys            jsonb;
    where_sql       text;
    sql             text;
BEGIN
    PERFORM bench_plpgsql.require_caller('list_invitations');
    spec := bench_plpgsql.parse_sort(sort);
    SELECT p.page, p.page_size INTO page, page_size
      FROM bench_plpgsql.check_paging(page, page_size) AS p;
    where_sql := bench_plpgsql.where_clause(f_program_key, f_org, f_email_key,
                     f_username_key, f_source, active, f_metadata);
    IF bench_plpgsql.clean(cursor) IS NOT NULL THEN
        IF page <> 1 THEN
            RAISE EXCEPTION 'invalid value for parameter "page": %', page
                USING ERRCODE = '22023',
                      DETAIL = 'A cursor goes with page 1 only.';
        END IF;
        keys := bench_plpgsql.decode_cursor(cursor, spec.sort_text,
                    bench_plpgsql.filter_digest(f_program_key, f_org,
                        f_email_key, f_username_key, f_source, active,
                        f_metadata));
        where_sql := CASE WHEN where_sql = '' THEN ' WHERE ' ELSE where_sql || ' AND ' END
                     || bench_plpgsql.rows_after(spec, keys);
    END IF;
    sql := pg_catalog.format(
        'SELECT %s FROM program_invitations.invitations i%s ORDER BY %s LIMIT $8 OFFSET $9',
        bench_plpgsql.columns(), where_sql, bench_plpgsql.order_by(spec));
    RETURN QUERY EXECUTE sql
        USING f_program_key, f_org, f_email_key, f_username_key, f_source,
              active, f_metadata, page_size::bigint,
              (page - 1)::bigint * page_size,
              ARRAY(SELECT pg_catalog.jsonb_array_elements_text(keys));
END
$$;

CREATE FUNCTION bench_plpgsql.count_invitations(
    program_key text    DEFAULT NULL,
    org         text    DEFAULT NULL,
    email       text    DEFAULT NULL,
    username    text    DEFAULT NULL,
    source      text    DEFAULT NULL,
    active      boolean DEFAULT NULL,
    metadata    jsonb   DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f_program_key   text := bench_plpgsql.clean(program_key);
    f_org           text := bench_plpgsql.clean(org);
    f_email_key     text := program_invitations.text_key(bench_plpgsql.clean(email));
    f_username_key  text := program_invitations.text_key(bench_plpgsql.clean(username));
    f_source        text := bench_plpgsql.clean(source);
    f_metadata      jsonb := bench_plpgsql.check_metadata_filter(metadata);
    n               bigint;
BEGIN
    PERFORM bench_plpgsql.require_caller('count_invitations');
    EXECUTE 'SELECT count(*) FROM program_invitations.invitations i'
            || bench_plpgsql.where_clause(f_program_key, f_org, f_email_key,
                   f_username_key, f_source, active, f_metadata)
        INTO n
        USING f_program_key, f_org, f_email_key, f_username_key, f_source,
              active, f_metadata;
    RETURN n;
END
$$;

CREATE FUNCTION bench_plpgsql.invitation_page(
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
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    f_email         text := bench_plpgsql.clean(email);
    f_username      text := bench_plpgsql.clean(username);
    f_program_key   text := bench_plpgsql.clean(program_key);
    f_org           text := bench_plpgsql.clean(org);
    f_email_key     text := program_invitations.text_key(f_email);
    f_username_key  text := program_invitations.text_key(f_username);
    f_source        text := bench_plpgsql.clean(source);
    f_metadata      jsonb := bench_plpgsql.check_metadata_filter(metadata);
    f_cursor        text := bench_plpgsql.clean(cursor);
    v_verbose       boolean;
    spec            bench_plpgsql.sort_spec;
    digest          text;
    keys            jsonb;
    where_sql       text;
    page_where      text;
    row_json        text;
    sql             text;
    total           bigint;
    fetched         bigint;
    results         jsonb;
    last_keys       jsonb;
    next_cursor     text;
    prefix          text;
    base            text;
    next_page       text;
    previous_page   text;
BEGIN
    PERFORM bench_plpgsql.require_caller('invitation_page');
    spec := bench_plpgsql.parse_sort(sort);
    SELECT p.page, p.page_size INTO page, page_size
      FROM bench_plpgsql.check_paging(page, page_size) AS p;
    v_verbose := COALESCE(invitation_page.verbose, false);
    digest := bench_plpgsql.filter_digest(f_program_key, f_org, f_email_key,
                  f_username_key, f_source, active, f_metadata);
    where_sql := bench_plpgsql.where_clause(f_program_key, f_org, f_email_key,
                     f_username_key, f_source, active, f_metadata);
    page_where := where_sql;
    IF f_cursor IS NOT NULL THEN
        IF page <> 1 THEN
            RAISE EXCEPTION 'invalid value for parameter "page": %', page
                USING ERRCODE = '22023',
                      DETAIL = 'A cursor goes with page 1 only.';
        END IF;
        keys := bench_plpgsql.decode_cursor(f_cursor, spec.sort_text, digest);
        page_where := CASE WHEN where_sql = '' THEN ' WHERE ' ELSE where_sql || ' AND ' END
                      || bench_plpgsql.rows_after(spec, keys);
    END IF;

    EXECUTE 'SELECT count(*) FROM program_invitations.invitations i' || where_sql
        INTO total
        USING f_program_key, f_org, f_email_key, f_username_key, f_source,
              active, f_metadata;

    row_json := 'jsonb_build_object(''id'', i.id, ''user_id'', i.user_id, '
        '''username'', i.username, ''email'', i.email, ''created'', i.created, '
        '''started'', i.started, ''expired'', i.expired, ''source'', i.source, '
        '''redirect_to'', i.redirect_to, ''active'', i.active, '
        '''metadata'', i.metadata, ''program_key'', i.program_key'
        || CASE WHEN v_verbose THEN ', ''org'', i.org, ''status'', '
               'CASE WHEN NOT i.active THEN ''inactive'' '
               'WHEN i.started IS NOT NULL THEN ''accepted'' '
               'WHEN i.expired <= pg_catalog.statement_timestamp() THEN ''expired'' '
               'ELSE ''pending'' END'
           ELSE '' END || ')';
    /* One row more than the page, to know whether another page follows. */
    sql := pg_catalog.format(
        'SELECT count(*), '
        'COALESCE(jsonb_agg(q.js ORDER BY q.n) FILTER (WHERE q.n < $8), ''[]''), '
        '(array_agg(q.keys ORDER BY q.n))[$8 - 1] '
        'FROM (SELECT row_number() OVER () AS n, p.js, p.keys '
        'FROM (SELECT %s AS js, jsonb_build_array(%s) AS keys '
        'FROM program_invitations.invitations i%s ORDER BY %s '
        'LIMIT $8 OFFSET $9) p) q',
        row_json,
        (SELECT string_agg(bench_plpgsql.sort_expression(n), ', ' ORDER BY k)
           FROM unnest(spec.names) WITH ORDINALITY AS s(n, k)),
        page_where, bench_plpgsql.order_by(spec));
    EXECUTE sql INTO fetched, results, last_keys
        USING f_program_key, f_org, f_email_key, f_username_key, f_source,
              active, f_metadata, page_size::bigint + 1,
              (page - 1)::bigint * page_size,
              ARRAY(SELECT pg_catalog.jsonb_array_elements_text(keys));

    IF fetched > page_size THEN
        next_cursor := bench_plpgsql.encode_cursor(spec.sort_text, digest, last_keys);
    END IF;

    /* The links: every present filter, sort, page, page_size, verbose. */
    prefix := COALESCE(pg_catalog.current_setting('program_invitations.page_url', true), '');
    base := prefix || CASE
        WHEN pg_catalog.strpos(prefix, '?') = 0 THEN '?'
        WHEN pg_catalog.right(prefix, 1) IN ('?', '&') THEN ''
        ELSE '&' END
        || pg_catalog.concat_ws('&',
            'program_key=' || bench_plpgsql.url_encode(f_program_key),
            'org=' || bench_plpgsql.url_encode(f_org),
            'email=' || bench_plpgsql.url_encode(f_email),
            'username=' || bench_plpgsql.url_encode(f_username),
            'source=' || bench_plpgsql.url_encode(f_source),
            'active=' || active::text,
            'metadata=' || bench_plpgsql.url_encode(f_metadata::text),
            'sort=' || bench_plpgsql.url_encode(spec.sort_text));
    IF f_cursor IS NOT NULL THEN
        IF next_cursor IS NOT NULL THEN
            next_page := base || '&page=1&page_size=' || page_size
                         || CASE WHEN v_verbose THEN '&verbose=true' ELSE '' END
                         || '&cursor=' || bench_plpgsql.url_encode(next_cursor);
        END IF;
    ELSE
        IF page::bigint * page_size < total THEN
            next_page := base || '&page=' || (page + 1) || '&page_size=' || page_size
                         || CASE WHEN v_verbose THEN '&verbose=true' ELSE '' END;
        END IF;
        IF page > 1 THEN
            previous_page := base || '&page=' || (page - 1) || '&page_size=' || page_size
                             || CASE WHEN v_verbose THEN '&verbose=true' ELSE '' END;
        END IF;
    END IF;

    RETURN pg_catalog.jsonb_build_object(
        'count', total,
        'next_page', next_page,
        'previous_page', previous_page,
        'next_cursor', next_cursor,
        'results', results);
END
$$;

/* Email: a dot-atom local part and a domain of two labels or more. */
CREATE FUNCTION bench_plpgsql.check_email(email text) RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    IF email IS NULL THEN
        RETURN NULL;
    END IF;
    IF email !~ ('^[[:alnum:]!#$%&''*+/=?^_`{|}~-]+(\.[[:alnum:]!#$%&''*+/=?^_`{|}~-]+)*'
                 '@[[:alnum:]]([[:alnum:]-]{0,61}[[:alnum:]])?'
                 '(\.[[:alnum:]]([[:alnum:]-]{0,61}[[:alnum:]])?)+$')
       OR email ~ '\.[0-9]+$'
       OR pg_catalog.octet_length(email) > 254
       OR pg_catalog.octet_length(pg_catalog.split_part(email, '@', 1)) > 64 THEN
        RAISE EXCEPTION 'invalid value for parameter "email": "%"', pg_catalog.left(email, 64)
            USING ERRCODE = '22023',
                  HINT = 'Write an address such as name@example.com.';
    END IF;
    RETURN email;
END
$$;

/* Redirect URL: http(s), an ASCII host, an optional port, a clean path. */
CREATE FUNCTION bench_plpgsql.check_redirect(url text) RETURNS text
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    host    text;
    allowed text := pg_catalog.current_setting('program_invitations.redirect_hosts', true);
BEGIN
    IF url IS NULL OR url = '' THEN
        RETURN NULL;
    END IF;
    IF pg_catalog.length(url) > 2048 THEN
        RAISE EXCEPTION 'value for parameter "redirect_to" is too long'
            USING ERRCODE = '54000';
    END IF;
    IF url !~* ('^https?://([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*'
                '|\[[0-9a-f:.]+\])(:[0-9]{1,5})?([/?#][^[:space:][:cntrl:]\\]*)?$')
       OR url ~ '%([^0-9A-Fa-f]|.[^0-9A-Fa-f]|.?$)'
       OR url ~* '%([01][0-9a-f]|7f)' THEN
        RAISE EXCEPTION 'invalid value for parameter "redirect_to": "%"', pg_catalog.left(url, 64)
            USING ERRCODE = '22023',
                  HINT = 'Pass an absolute http or https URL.';
    END IF;
    host := pg_catalog.lower(substring(url from '^[A-Za-z]+://([^/?#:]+|\[[^]]+\])'));
    IF COALESCE(allowed, '') <> '' AND NOT EXISTS (
           SELECT FROM pg_catalog.unnest(pg_catalog.string_to_array(allowed, ',')) AS h
            WHERE host = pg_catalog.lower(pg_catalog.btrim(h))
               OR host LIKE '%.' || pg_catalog.lower(pg_catalog.btrim(h))) THEN
        RAISE EXCEPTION 'invalid value for parameter "redirect_to": "%"', pg_catalog.left(url, 64)
            USING ERRCODE = '22023', DETAIL = 'Its host is not allowed.';
    END IF;
    RETURN url;
END
$$;

CREATE FUNCTION bench_plpgsql.create_invitation(
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
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_program_key   text;
    v_email         text;
    v_username      text;
    v_source        text;
    v_redirect      text;
    v_created       timestamptz;
    v_org           text;
    v_email_key     text;
    v_username_key  text;
    v_user_id       bigint;
    max_bytes       bigint := COALESCE(pg_catalog.pg_size_bytes(
                        pg_catalog.current_setting(
                            'program_invitations.max_metadata_bytes', true)),
                        65536);
    email_user_id   bigint;
    email_user_name text;
    name_user_id    bigint;
    name_user_email text;
    u               record;
    r               record;
    found_rows      integer;
    first_id        bigint;
    first_by_email  boolean;
    second_id       bigint;
    open_id         bigint;
    open_created    timestamptz;
    open_metadata   jsonb;
    merged          jsonb;
    result          program_invitations.invitation;
    round           integer;
BEGIN
    PERFORM bench_plpgsql.require_caller('create_invitation');

    v_program_key := bench_plpgsql.clean(program_key);
    IF v_program_key IS NULL THEN
        RAISE EXCEPTION 'parameter "program_key" must not be null'
            USING ERRCODE = '22004';
    END IF;
    v_email := bench_plpgsql.check_email(bench_plpgsql.clean(email));
    v_username := bench_plpgsql.clean(username);
    IF v_username ~ '[[:space:][:cntrl:]]' THEN
        RAISE EXCEPTION 'invalid value for parameter "username": "%"', pg_catalog.left(v_username, 64)
            USING ERRCODE = '22023';
    END IF;
    IF pg_catalog.length(v_username) > 150 THEN
        RAISE EXCEPTION 'value for parameter "username" is too long'
            USING ERRCODE = '54000';
    END IF;
    IF v_email IS NULL AND v_username IS NULL THEN
        RAISE EXCEPTION 'parameter "email" or "username" is required'
            USING ERRCODE = '22023';
    END IF;
    active := COALESCE(active, true);
    v_source := bench_plpgsql.clean(source);
    IF v_source ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'invalid value for parameter "source": "%"', pg_catalog.left(v_source, 64)
            USING ERRCODE = '22023';
    END IF;
    IF pg_catalog.length(v_source) > 255 THEN
        RAISE EXCEPTION 'value for parameter "source" is too long'
            USING ERRCODE = '54000';
    END IF;
    v_redirect := bench_plpgsql.check_redirect(redirect_to);
    v_created := COALESCE(created, pg_catalog.transaction_timestamp());
    IF NOT pg_catalog.isfinite(v_created) THEN
        RAISE EXCEPTION 'invalid value for parameter "created": "%"', v_created
            USING ERRCODE = '22023';
    END IF;
    IF expired IS NOT NULL AND created IS NOT NULL AND expired <= created THEN
        RAISE EXCEPTION 'invalid value for parameter "expired": "%"', expired
            USING ERRCODE = '22023';
    END IF;
    IF metadata IS NOT NULL THEN
        IF pg_catalog.jsonb_typeof(metadata) <> 'object' THEN
            RAISE EXCEPTION 'invalid value for parameter "metadata": "%"',
                pg_catalog.left(metadata::text, 64) USING ERRCODE = '22023';
        END IF;
        IF pg_catalog.octet_length(metadata::text) > max_bytes THEN
            RAISE EXCEPTION 'value for parameter "metadata" is too large'
                USING ERRCODE = '54000';
        END IF;
    END IF;

    SELECT p.org INTO v_org
      FROM program_invitations.programs p
     WHERE p.program_key = v_program_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'program "%" not found', v_program_key
            USING ERRCODE = 'PT404';
    END IF;

    /* Link a platform user by email or username, case-insensitively. */
    v_email_key := program_invitations.text_key(v_email);
    v_username_key := program_invitations.text_key(v_username);
    FOR u IN
        SELECT us.user_id, us.username, us.email,
               COALESCE(us.email_key = v_email_key, false) AS by_email,
               COALESCE(us.username_key = v_username_key, false) AS by_username
          FROM program_invitations.users us
         WHERE us.email_key = v_email_key OR us.username_key = v_username_key
    LOOP
        IF u.by_email THEN
            email_user_id := u.user_id;
            email_user_name := u.username;
        END IF;
        IF u.by_username THEN
            name_user_id := u.user_id;
            name_user_email := u.email;
        END IF;
    END LOOP;
    IF v_email IS NOT NULL AND v_username IS NOT NULL
       AND email_user_id IS DISTINCT FROM name_user_id THEN
        RAISE EXCEPTION 'parameters "email" and "username" name different users'
            USING ERRCODE = '22023';
    END IF;
    IF email_user_id IS NOT NULL THEN
        v_user_id := email_user_id;
        v_username := COALESCE(v_username, email_user_name);
    ELSIF name_user_id IS NOT NULL THEN
        v_user_id := name_user_id;
        v_email := COALESCE(v_email, name_user_email);
    END IF;
    v_email_key := program_invitations.text_key(v_email);
    v_username_key := program_invitations.text_key(v_username);

    /* The upsert: lock the open row and update it, or insert. */
    FOR round IN 1 .. 5 LOOP
        found_rows := 0;
        FOR r IN
            SELECT i.id, i.created, i.metadata,
                   COALESCE(i.email_key = v_email_key, false) AS by_email
              FROM program_invitations.invitations i
             WHERE i.program_key = v_program_key
               AND i.active AND i.started IS NULL
               AND (i.email_key = v_email_key OR i.username_key = v_username_key)
             ORDER BY i.id
               FOR UPDATE OF i
        LOOP
            found_rows := found_rows + 1;
            IF found_rows = 1 THEN
                first_id := r.id;
                first_by_email := r.by_email;
                open_id := r.id;
                open_created := r.created;
                open_metadata := r.metadata;
            ELSE
                second_id := r.id;
            END IF;
        END LOOP;

        IF found_rows > 1 THEN
            RAISE EXCEPTION 'email and username match two different open invitations'
                USING ERRCODE = '23505',
                      DETAIL = pg_catalog.format('The email matches open invitation %s and the username matches open invitation %s.',
                          CASE WHEN first_by_email THEN first_id ELSE second_id END,
                          CASE WHEN first_by_email THEN second_id ELSE first_id END);
        END IF;

        IF found_rows = 1 THEN
            IF expired IS NOT NULL AND expired <= open_created THEN
                RAISE EXCEPTION 'invalid value for parameter "expired": "%"', expired
                    USING ERRCODE = '22023';
            END IF;
            merged := open_metadata;
            IF metadata IS NOT NULL THEN
                merged := open_metadata || metadata;
                IF pg_catalog.octet_length(merged::text) > max_bytes THEN
                    RAISE EXCEPTION 'value for parameter "metadata" is too large'
                        USING ERRCODE = '54000';
                END IF;
            END IF;
            UPDATE program_invitations.invitations AS i
               SET user_id = COALESCE(i.user_id, v_user_id),
                   username = COALESCE(i.username, v_username),
                   email = COALESCE(i.email, v_email),
                   expired = COALESCE(create_invitation.expired, i.expired),
                   source = COALESCE(v_source, i.source),
                   redirect_to = COALESCE(v_redirect, i.redirect_to),
                   active = create_invitation.active,
                   metadata = merged
             WHERE i.org = v_org AND i.id = open_id
            RETURNING i.id, i.user_id, i.username, i.email, i.created,
                      i.started, i.expired, i.source, i.redirect_to, i.active,
                      i.metadata, i.program_key, i.org,
                      CASE WHEN NOT i.active THEN 'inactive'
                           WHEN i.started IS NOT NULL THEN 'accepted'
                           WHEN i.expired <= pg_catalog.statement_timestamp() THEN 'expired'
                           ELSE 'pending' END
                 INTO result;
            RETURN result;
        END IF;

        IF expired IS NOT NULL AND created IS NULL AND expired <= v_created THEN
            RAISE EXCEPTION 'invalid value for parameter "expired": "%"', expired
                USING ERRCODE = '22023';
        END IF;
        INSERT INTO program_invitations.invitations AS i
               (org, program_key, user_id, username, email, created, expired,
                source, redirect_to, active, metadata)
        VALUES (v_org, v_program_key, v_user_id, v_username, v_email, v_created,
                create_invitation.expired, v_source, v_redirect,
                create_invitation.active, COALESCE(metadata, '{}'))
        ON CONFLICT DO NOTHING
        RETURNING i.id, i.user_id, i.username, i.email, i.created,
                  i.started, i.expired, i.source, i.redirect_to, i.active,
                  i.metadata, i.program_key, i.org,
                  CASE WHEN NOT i.active THEN 'inactive'
                       WHEN i.started IS NOT NULL THEN 'accepted'
                       WHEN i.expired <= pg_catalog.statement_timestamp() THEN 'expired'
                       ELSE 'pending' END
             INTO result;
        IF FOUND THEN
            RETURN result;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'could not create the invitation: concurrent changes kept conflicting'
        USING ERRCODE = '40001';
END
$$;

CREATE FUNCTION bench_plpgsql.delete_invitation(id bigint, org text)
RETURNS program_invitations.invitation
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    result program_invitations.invitation;
BEGIN
    PERFORM bench_plpgsql.require_caller('delete_invitation');
    IF id IS NULL THEN
        RAISE EXCEPTION 'parameter "id" must not be null' USING ERRCODE = '22004';
    END IF;
    IF org IS NULL THEN
        RAISE EXCEPTION 'parameter "org" must not be null' USING ERRCODE = '22004';
    END IF;
    DELETE FROM program_invitations.invitations AS i
     WHERE i.org = delete_invitation.org AND i.id = delete_invitation.id
    RETURNING i.id, i.user_id, i.username, i.email, i.created, i.started,
              i.expired, i.source, i.redirect_to, i.active, i.metadata,
              i.program_key, i.org,
              CASE WHEN NOT i.active THEN 'inactive'
                   WHEN i.started IS NOT NULL THEN 'accepted'
                   WHEN i.expired <= pg_catalog.statement_timestamp() THEN 'expired'
                   ELSE 'pending' END
         INTO result;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'invitation % not found', id
            USING ERRCODE = 'PT404',
                  DETAIL = pg_catalog.format('No invitation has that id in org "%s".', org);
    END IF;
    RETURN result;
END
$$;
