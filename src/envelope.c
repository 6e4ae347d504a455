/*-------------------------------------------------------------------------
 *
 * envelope.c
 *	  The jsonb envelope of invitation_page: count, next_page,
 *	  previous_page and results, built directly as jsonb.
 *
 * The links repeat every filter, the sort and the page size, so that a
 * client can follow them without keeping state.  They are built here and
 * nowhere else.
 *
 * src/envelope.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "cursor.h"
#include "envelope.h"
#include "program_invitations.h"

/* The JSON keys of an invitation, in the order of PI_INVITATION_COLUMNS. */
static const char *const result_keys[PI_NUM_COLUMNS] = {
	"id", "user_id", "username", "email", "created", "started", "expired",
	"source", "redirect_to", "active", "metadata", "program_key", "org",
	"status"
};

/* PushKey adds an object key. */
static void
PushKey(JsonbParseState **state, const char *key)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) key;
	v.val.string.len = strlen(key);
	(void) pushJsonbValue(state, WJB_KEY, &v);
}

/* PushString adds a string value, or null when str is NULL. */
static void
PushString(JsonbParseState **state, char *str)
{
	JsonbValue	v;

	if (str == NULL)
		v.type = jbvNull;
	else
	{
		v.type = jbvString;
		v.val.string.val = str;
		v.val.string.len = strlen(str);
	}
	(void) pushJsonbValue(state, WJB_VALUE, &v);
}

/* PushInt64 adds a number. */
static void
PushInt64(JsonbParseState **state, int64 value)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(value);
	(void) pushJsonbValue(state, WJB_VALUE, &v);
}

/*
 * PushColumn adds column attno of tuple as the JSON value that to_jsonb
 * would give it: numbers, strings, booleans, ISO 8601 timestamps and the
 * metadata object itself.
 */
static void
PushColumn(JsonbParseState **state, HeapTuple tuple, TupleDesc tupdesc,
		   int attno)
{
	bool		isnull;
	Datum		value = SPI_getbinval(tuple, tupdesc, attno, &isnull);
	JsonbValue	v;

	if (isnull)
	{
		v.type = jbvNull;
		(void) pushJsonbValue(state, WJB_VALUE, &v);
		return;
	}
	switch (attno)
	{
		case PI_COL_ID:
		case PI_COL_USER_ID:
			PushInt64(state, DatumGetInt64(value));
			break;
		case PI_COL_CREATED:
		case PI_COL_STARTED:
		case PI_COL_EXPIRED:
			PushString(state, JsonEncodeDateTime(NULL, value,
												 TIMESTAMPTZOID, NULL));
			break;
		case PI_COL_ACTIVE:
			v.type = jbvBool;
			v.val.boolean = DatumGetBool(value);
			(void) pushJsonbValue(state, WJB_VALUE, &v);
			break;
		case PI_COL_METADATA:
			{
				Jsonb	   *metadata = DatumGetJsonbP(value);

				v.type = jbvBinary;
				v.val.binary.data = &metadata->root;
				v.val.binary.len = VARSIZE(metadata) - VARHDRSZ;
				(void) pushJsonbValue(state, WJB_VALUE, &v);
				break;
			}
		default:
			PushString(state, TextDatumGetCString(value));
			break;
	}
}

/*
 * AppendEncoded appends value percent-encoded: RFC 3986's unreserved
 * characters are kept, every other byte of its UTF-8 form escaped.
 */
static void
AppendEncoded(StringInfo buf, const char *value)
{
	const unsigned char *p;

	for (p = (const unsigned char *) value; *p; p++)
	{
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
			*p == '_' || *p == '~')
			appendStringInfoChar(buf, (char) *p);
		else
			appendStringInfo(buf, "%%%02X", (unsigned int) *p);
	}
}

/* AppendParam appends "&name=value" (no "&" for the first parameter). */
static void
AppendParam(StringInfo buf, bool *first, const char *name,
			const char *value)
{
	if (value == NULL)
		return;
	if (!*first)
		appendStringInfoChar(buf, '&');
	*first = false;
	appendStringInfo(buf, "%s=", name);
	AppendEncoded(buf, value);
}

/*
 * PageLink returns the link to page number page: the setting
 * program_invitations.page_url, then the non-NULL filters in the order of
 * the function's parameters, sort, page, page_size, verbose=true when set,
 * and the cursor when there is one.
 */
static char *
PageLink(const PiPageRequest *request, int64 page, const char *cursor)
{
	const PiFilters *filters = &request->filters;
	StringInfoData buf;
	bool		first = true;
	const char *url = pi_page_url ? pi_page_url : "";
	const char *fragment = strchr(url, '#');
	size_t		prefix_len = fragment ? (size_t) (fragment - url) : strlen(url);

	/* The query goes before a fragment the setting may carry. */
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, url, prefix_len);
	if (memchr(url, '?', prefix_len) == NULL)
		appendStringInfoChar(&buf, '?');
	else if (url[prefix_len - 1] != '?' && url[prefix_len - 1] != '&')
		appendStringInfoChar(&buf, '&');

	AppendParam(&buf, &first, "program_key", filters->program_key);
	AppendParam(&buf, &first, "org", filters->org);
	AppendParam(&buf, &first, "email", filters->email);
	AppendParam(&buf, &first, "username", filters->username);
	AppendParam(&buf, &first, "source", filters->source);
	if (filters->active_given)
		AppendParam(&buf, &first, "active",
					filters->active ? "true" : "false");
	if (filters->metadata)
		AppendParam(&buf, &first, "metadata",
					JsonbToCString(NULL, &filters->metadata->root,
								   VARSIZE(filters->metadata)));
	AppendParam(&buf, &first, "sort", PiSortText(&request->sort));
	AppendParam(&buf, &first, "page", psprintf(INT64_FORMAT, page));
	AppendParam(&buf, &first, "page_size",
				psprintf("%d", request->page_size));
	if (request->verbose)
		AppendParam(&buf, &first, "verbose", "true");
	AppendParam(&buf, &first, "cursor", cursor);
	if (fragment)
		appendStringInfoString(&buf, fragment);
	return buf.data;
}

/*
 * PiBuildEnvelope builds {"count", "next_page", "previous_page",
 * "next_cursor", "results"} for one page.  rows holds nrows rows of a
 * listing statement (PI_INVITATION_COLUMNS, then the sort values), of which
 * the first page_size are the page; has_more says whether any row follows
 * the page.  Each result has the seed's twelve fields, and org and status
 * too when the request is verbose.
 *
 * Paging by number links to the neighbouring page numbers.  Paging by
 * cursor goes forward only: next_page carries the next cursor and
 * previous_page is null.  Allocates in the current memory context, which
 * must outlive SPI_finish.
 */
Jsonb *
PiBuildEnvelope(const PiPageRequest *request, int64 count,
				SPITupleTable *rows, uint64 nrows, bool has_more)
{
	JsonbParseState *state = NULL;
	JsonbValue *envelope;
	int			ncolumns = request->verbose ? PI_NUM_COLUMNS :
		PI_NUM_SEED_COLUMNS;
	char	   *next_cursor = NULL;
	char	   *next_page = NULL;
	char	   *previous_page = NULL;
	uint64		row;
	int			attno;

	if (nrows > (uint64) request->page_size)
		nrows = request->page_size;
	if (has_more && nrows > 0)
		next_cursor = PiEncodeCursor(&request->filters, &request->sort,
									 rows->vals[nrows - 1], rows->tupdesc);
	if (request->has_cursor)
		next_page = next_cursor ? PageLink(request, 1, next_cursor) : NULL;
	else
	{
		if ((int64) request->page * request->page_size < count)
			next_page = PageLink(request, (int64) request->page + 1, NULL);
		if (request->page > 1)
			previous_page = PageLink(request, request->page - 1, NULL);
	}

	(void) pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	PushKey(&state, "count");
	PushInt64(&state, count);
	PushKey(&state, "next_page");
	PushString(&state, next_page);
	PushKey(&state, "previous_page");
	PushString(&state, previous_page);
	PushKey(&state, "next_cursor");
	PushString(&state, next_cursor);

	PushKey(&state, "results");
	(void) pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	for (row = 0; row < nrows; row++)
	{
		CHECK_FOR_INTERRUPTS();
		(void) pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
		for (attno = 1; attno <= ncolumns; attno++)
		{
			PushKey(&state, result_keys[attno - 1]);
			PushColumn(&state, rows->vals[row], rows->tupdesc, attno);
		}
		(void) pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	}
	(void) pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	envelope = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(envelope);
}
