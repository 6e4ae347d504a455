/*-------------------------------------------------------------------------
 *
 * query.c
 *	  Filters and sort of a listing turned into a statement, and the
 *	  plans of those statements, prepared once per backend and kept.
 *
 * A statement's shape is which filters are present and the sort.  Each
 * shape gets its own SQL text, so each filter is a plain equality or
 * containment on an indexed column (never "$1 IS NULL OR ..."), and its
 * generic plan can use the index.  The sort text a caller sends is only
 * ever matched against a fixed table of fields; it never reaches SQL.
 *
 * src/query.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include "program_invitations.h"
#include "query.h"
#include "unicode_text.h"
#include "validate.h"

/* A field a caller may sort by, and the SQL it sorts on. */
typedef struct SortField
{
	const char *name;
	const char *expression;
	Oid			type;			/* of the expression */
	bool		not_null;		/* the expression is never NULL */
} SortField;

/*
 * The sortable fields.  email, username and source sort by their
 * lower-cased value in the database's collation.  The order of this table
 * is part of every cached plan's key: append, never reorder.
 */
static const SortField sort_fields[] = {
	{"id", "i.id", INT8OID, true},
	{"created", "i.created", TIMESTAMPTZOID, true},
	{"started", "i.started", TIMESTAMPTZOID, false},
	{"expired", "i.expired", TIMESTAMPTZOID, false},
	{"email", "pg_catalog.lower(i.email)", TEXTOID, false},
	{"username", "pg_catalog.lower(i.username)", TEXTOID, false},
	{"source", "pg_catalog.lower(i.source)", TEXTOID, false},
	{"active", "i.active", BOOLOID, true},
	{"program_key", "i.program_key", TEXTOID, true},
	{"user_id", "i.user_id", INT8OID, false},
};

#define NUM_SORT_FIELDS lengthof(sort_fields)
#define SORT_FIELD_ID	0

StaticAssertDecl(NUM_SORT_FIELDS == PI_SORT_MAX_KEYS,
				 "a sort can name each field once");

/* The filters' SQL, in the order of their parameters $1 to $7. */
static const char *const filter_conditions[PI_FILTER_NPARAMS] = {
	"i.program_key OPERATOR(pg_catalog.=) $1",
	"i.org OPERATOR(pg_catalog.=) $2",
	"i.email_key OPERATOR(pg_catalog.=) $3",
	"i.username_key OPERATOR(pg_catalog.=) $4",
	"i.source OPERATOR(pg_catalog.=) $5",
	"i.active OPERATOR(pg_catalog.=) $6",
	"i.metadata OPERATOR(pg_catalog.@>) $7",
};

/*
 * Listing statements also take the page, $8 LIMIT and $9 OFFSET; what a
 * caller who is not a DM admin may see, $10 its orgs and $11 its programs;
 * and with a cursor the sort values to resume after, from $12 on.  Count
 * statements take the filters and the visibility as $8 and $9.
 */
#define LIST_NPARAMS		(PI_FILTER_NPARAMS + 4)
#define LIST_VISIBLE_PARAM	(PI_FILTER_NPARAMS + 3)
#define MAX_LIST_NPARAMS	(LIST_NPARAMS + PI_SORT_MAX_KEYS)
#define COUNT_NPARAMS		(PI_FILTER_NPARAMS + 2)
#define COUNT_VISIBLE_PARAM (PI_FILTER_NPARAMS + 1)

static const Oid list_param_types[LIST_NPARAMS] = {
	TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, BOOLOID, JSONBOID,
	INT8OID, INT8OID, TEXTARRAYOID, TEXTARRAYOID
};

static const Oid count_param_types[COUNT_NPARAMS] = {
	TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, BOOLOID, JSONBOID,
	TEXTARRAYOID, TEXTARRAYOID
};

/*
 * Kept plans are looked up by kind, filter mask and sort.  The key holds
 * only bytes, so it has no padding and hashes as a blob.
 */
typedef enum PlanKind
{
	PLAN_LIST = 1,
	PLAN_COUNT = 2
} PlanKind;

typedef struct PlanKey
{
	uint8		kind;
	uint8		filter_mask;
	uint8		nnamed;
	uint8		sort_keys[PI_SORT_MAX_KEYS];	/* field << 1 | descending */
	uint8		has_cursor;
	uint8		cursor_nulls[2];	/* bit k: cursor value k is NULL */
	uint8		restricted;		/* limited to what the caller may see */
} PlanKey;

typedef struct PlanEntry
{
	PlanKey		key;
	SPIPlanPtr	plan;
} PlanEntry;

/*
 * At most this many plans are kept per backend.  Filter masks times sorts
 * are unbounded in principle (a caller can send any permutation of sort
 * fields); past the cap a plan is made for the call and freed after it.
 */
#define MAX_KEPT_PLANS	256

static HTAB *kept_plans = NULL;

/*
 * PiReadFilters reads the seven filter arguments that list, count and page
 * share (arguments 0 to 6) and cleans them: trimmed, NFC, blank as NULL,
 * emails and usernames keyed case-insensitively.  Filters never fail on
 * length or content: a value no row can hold simply matches nothing.  A
 * metadata filter that is not an object is 22023.
 */
void
PiReadFilters(FunctionCallInfo fcinfo, PiFilters *filters)
{
	memset(filters, 0, sizeof(PiFilters));
	filters->program_key = PiCleanFilter(PiArgText(fcinfo, 0));
	filters->org = PiCleanFilter(PiArgText(fcinfo, 1));
	filters->email = PiCleanFilter(PiArgText(fcinfo, 2));
	if (filters->email)
		filters->email_key = PiFoldKey(filters->email);
	filters->username = PiCleanFilter(PiArgText(fcinfo, 3));
	if (filters->username)
		filters->username_key = PiFoldKey(filters->username);
	filters->source = PiCleanFilter(PiArgText(fcinfo, 4));
	filters->active_given = !PG_ARGISNULL(5);
	if (filters->active_given)
		filters->active = PG_GETARG_BOOL(5);
	filters->metadata = PiCleanMetadataFilter(PiArgJsonb(fcinfo, 6));
}

/* The filter mask's bit of the metadata filter, $7. */
#define FILTER_METADATA (1 << 6)

/* FilterMask returns one bit per present filter, bit i for $(i+1). */
static uint8
FilterMask(const PiFilters *filters)
{
	uint8		mask = 0;

	if (filters->program_key)
		mask |= 1 << 0;
	if (filters->org)
		mask |= 1 << 1;
	if (filters->email_key)
		mask |= 1 << 2;
	if (filters->username_key)
		mask |= 1 << 3;
	if (filters->source)
		mask |= 1 << 4;
	if (filters->active_given)
		mask |= 1 << 5;
	if (filters->metadata)
		mask |= FILTER_METADATA;
	return mask;
}

/*
 * PiFilterParams fills the first seven parameter slots of a listing
 * statement; absent filters are NULL and unused by the statement.
 */
void
PiFilterParams(const PiFilters *filters, Datum *values, char *nulls)
{
	const char *texts[5] = {
		filters->program_key, filters->org, filters->email_key,
		filters->username_key, filters->source
	};
	int			i;

	for (i = 0; i < 5; i++)
	{
		nulls[i] = texts[i] ? ' ' : 'n';
		values[i] = texts[i] ? CStringGetTextDatum(texts[i]) : (Datum) 0;
	}
	nulls[5] = filters->active_given ? ' ' : 'n';
	values[5] = BoolGetDatum(filters->active);
	nulls[6] = filters->metadata ? ' ' : 'n';
	values[6] = filters->metadata ? JsonbPGetDatum(filters->metadata) :
		(Datum) 0;
}

/* SortError reports a sort that names no allowed field, SQLSTATE 22023. */
static void
SortError(const char *raw, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value for parameter \"sort\": \"%s\"",
					PiQuote(raw)),
			 errdetail_internal("%s", detail),
			 errhint("Sort by one or more of id, created, started, expired, "
					 "email, username, source, active, program_key and "
					 "user_id, comma-separated, each optionally prefixed "
					 "by \"-\" for descending order.")));
}

/*
 * PiParseSort parses a sort such as "-created,email": comma-separated
 * field names, exact and lower case, each optionally prefixed by "-".  NULL
 * means "-id".  An empty name, an unknown one or a repeated one is 22023.
 * Unless the caller named id, it is appended as the final tie-breaker, in
 * the direction of the last named field, so that pages are stable.
 */
void
PiParseSort(text *raw, PiSort *sort)
{
	char	   *spec;
	char	   *p;
	bool		has_id = false;

	memset(sort, 0, sizeof(PiSort));
	if (raw == NULL)
	{
		sort->nnamed = sort->nkeys = 1;
		sort->fields[0] = SORT_FIELD_ID;
		sort->descending[0] = true;
		return;
	}

	spec = text_to_cstring(raw);
	p = spec;
	for (;;)
	{
		size_t		len = strcspn(p, ",");
		bool		descending = false;
		int			field;
		int			i;

		if (len > 0 && *p == '-')
		{
			descending = true;
			p++;
			len--;
		}
		for (field = 0; field < (int) NUM_SORT_FIELDS; field++)
			if (strlen(sort_fields[field].name) == len &&
				strncmp(sort_fields[field].name, p, len) == 0)
				break;
		if (field == (int) NUM_SORT_FIELDS)
			SortError(spec, len == 0 ?
					  "It has an empty field name." :
					  "It names a field that cannot be sorted by.");
		for (i = 0; i < sort->nnamed; i++)
			if (sort->fields[i] == field)
				SortError(spec, "It names a field more than once.");
		sort->fields[sort->nnamed] = field;
		sort->descending[sort->nnamed] = descending;
		sort->nnamed++;
		if (field == SORT_FIELD_ID)
			has_id = true;

		p += len;
		if (*p == '\0')
			break;
		p++;					/* skip the comma */
	}

	sort->nkeys = sort->nnamed;
	if (!has_id)
	{
		sort->fields[sort->nkeys] = SORT_FIELD_ID;
		sort->descending[sort->nkeys] = sort->descending[sort->nnamed - 1];
		sort->nkeys++;
	}
}

/*
 * PiSortText writes the named part of a parsed sort back as text, for the
 * envelope's links.
 */
char *
PiSortText(const PiSort *sort)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < sort->nnamed; i++)
		appendStringInfo(&buf, "%s%s%s", i > 0 ? "," : "",
						 sort->descending[i] ? "-" : "",
						 sort_fields[sort->fields[i]].name);
	return buf.data;
}

/* PiSortFieldType returns the SQL type of a sort field's value. */
Oid
PiSortFieldType(int field)
{
	Assert(field >= 0 && field < (int) NUM_SORT_FIELDS);
	return sort_fields[field].type;
}

/*
 * AppendWhere writes the WHERE clause of the present filters and, when
 * visible_param is not 0, the visibility of a caller who is not a DM
 * admin: rows of the orgs in $visible_param or of the programs in the
 * next parameter.  Returns whether it wrote anything.
 */
static bool
AppendWhere(StringInfo sql, uint8 filter_mask, int visible_param)
{
	int			i;
	bool		first = true;

	for (i = 0; i < PI_FILTER_NPARAMS; i++)
	{
		if ((filter_mask & (1 << i)) == 0)
			continue;
		appendStringInfo(sql, "%s%s", first ? " WHERE " : " AND ",
						 filter_conditions[i]);
		first = false;
	}
	if (visible_param != 0)
	{
		appendStringInfo(sql, "%s(i.org OPERATOR(pg_catalog.=) ANY ($%d)"
						 " OR i.program_key OPERATOR(pg_catalog.=)"
						 " ANY ($%d))",
						 first ? " WHERE " : " AND ",
						 visible_param, visible_param + 1);
		first = false;
	}
	return !first;
}

/* AppendOrderBy writes the ORDER BY of a sort, tie-breaker included. */
static void
AppendOrderBy(StringInfo sql, const PiSort *sort)
{
	int			i;

	appendStringInfoString(sql, " ORDER BY ");
	for (i = 0; i < sort->nkeys; i++)
		appendStringInfo(sql, "%s%s %s", i > 0 ? ", " : "",
						 sort_fields[sort->fields[i]].expression,
						 sort->descending[i] ? "DESC" : "ASC");
}

/*
 * AppendRowsAfter writes the condition "the row comes after the cursor's
 * row in this sort", from sort key k on: strictly after on key k, or equal
 * on it and after on the keys that follow.  Ascending order puts NULLs
 * last and descending order first, as ORDER BY does; the cursor's value of
 * key k is parameter $(12 + k).
 */
static void
AppendRowsAfter(StringInfo sql, const PiSort *sort, const PiCursor *cursor,
				int k)
{
	const SortField *field = &sort_fields[sort->fields[k]];
	const char *e = field->expression;
	int			param = LIST_NPARAMS + 1 + k;
	bool		last = (k == sort->nkeys - 1);

	if (!last)
		appendStringInfoChar(sql, '(');

	if (cursor->isnull[k])
		appendStringInfo(sql, sort->descending[k] ?
						 "%s IS NOT NULL" : "false", e);
	else if (sort->descending[k])
		appendStringInfo(sql, "%s OPERATOR(pg_catalog.<) $%d", e, param);
	else if (field->not_null)
		appendStringInfo(sql, "%s OPERATOR(pg_catalog.>) $%d", e, param);
	else
		appendStringInfo(sql, "(%s OPERATOR(pg_catalog.>) $%d OR %s IS NULL)",
						 e, param, e);

	if (last)
		return;

	if (cursor->isnull[k])
		appendStringInfo(sql, " OR (%s IS NULL AND ", e);
	else
		appendStringInfo(sql, " OR (%s OPERATOR(pg_catalog.=) $%d AND ",
						 e, param);
	AppendRowsAfter(sql, sort, cursor, k + 1);
	appendStringInfoString(sql, "))");
}

/*
 * AppendKeyset writes the cursor's condition.  A redundant bound on the
 * first key comes first where it is exact, so that an index on that key
 * can start the scan at the cursor's row instead of filtering from the
 * start: that is what makes a deep page cost what the first one does.
 */
static void
AppendKeyset(StringInfo sql, bool has_where, const PiSort *sort,
			 const PiCursor *cursor)
{
	const SortField *first = &sort_fields[sort->fields[0]];

	appendStringInfoString(sql, has_where ? " AND " : " WHERE ");
	if (!cursor->isnull[0] && (sort->descending[0] || first->not_null))
		appendStringInfo(sql, "%s OPERATOR(pg_catalog.%s) $%d AND ",
						 first->expression,
						 sort->descending[0] ? "<=" : ">=",
						 LIST_NPARAMS + 1);
	AppendRowsAfter(sql, sort, cursor, 0);
}

/*
 * PlanChoice tells the plan cache how to plan a listing statement.  Every
 * shape is an equality or an ORDER BY on indexed columns, whose generic
 * plan is as good as any custom one, so it is made once and reused:
 * re-planning at each call would cost more than the query.  The exception
 * is a metadata containment filter: how many rows a GIN index finds for
 * it depends entirely on the value, so those statements are planned for
 * the value at each call.
 */
static int
PlanChoice(uint8 filter_mask)
{
	return (filter_mask & FILTER_METADATA) ?
		CURSOR_OPT_CUSTOM_PLAN : CURSOR_OPT_GENERIC_PLAN;
}

/* LookupKeptPlan returns the kept plan for key, or NULL. */
static SPIPlanPtr
LookupKeptPlan(const PlanKey *key)
{
	PlanEntry  *entry;

	if (kept_plans == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(PlanKey);
		ctl.entrysize = sizeof(PlanEntry);
		ctl.hcxt = TopMemoryContext;
		kept_plans = hash_create("program_invitations kept plans", 64, &ctl,
								 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	entry = hash_search(kept_plans, key, HASH_FIND, NULL);
	return entry ? entry->plan : NULL;
}

/*
 * PreparePlan prepares sql and keeps it under key.  Once MAX_KEPT_PLANS
 * are kept, a plan is kept only when always_keep is set; otherwise
 * *transient is set and the caller frees the plan with SPI_freeplan after
 * use.  Must be called inside an SPI connection, after LookupKeptPlan
 * found nothing.
 */
static SPIPlanPtr
PreparePlan(const PlanKey *key, const char *sql, int nparams,
			Oid *param_types, bool always_keep, bool *transient)
{
	SPIPlanPtr	plan;
	PlanEntry  *entry;

	elog(DEBUG2, "program_invitations: preparing %s", sql);
	plan = SPI_prepare_cursor(sql, nparams, param_types,
							  PlanChoice(key->filter_mask));
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));

	*transient = !always_keep &&
		hash_get_num_entries(kept_plans) >= MAX_KEPT_PLANS;
	if (*transient)
		return plan;
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	entry = hash_search(kept_plans, key, HASH_ENTER, NULL);
	entry->plan = plan;
	return plan;
}

/*
 * PiListPlan returns the plan that lists one page for these filters, this
 * sort and, when not NULL, this cursor: parameters $1-$7 the filters, $8
 * the limit, $9 the offset, $10 and $11 the visibility when restricted,
 * from $12 on the cursor's values; columns those of PI_INVITATION_COLUMNS,
 * then the sort keys' values.  *transient as in PreparePlan.
 */
SPIPlanPtr
PiListPlan(const PiFilters *filters, const PiSort *sort,
		   const PiCursor *cursor, bool restricted, bool *transient)
{
	PlanKey		key;
	StringInfoData sql;
	SPIPlanPtr	plan;
	Oid			param_types[MAX_LIST_NPARAMS];
	int			nparams = LIST_NPARAMS;
	bool		has_where;
	int			k;

	memset(&key, 0, sizeof(key));
	key.kind = PLAN_LIST;
	key.filter_mask = FilterMask(filters);
	key.restricted = restricted;
	key.nnamed = sort->nnamed;
	for (k = 0; k < sort->nnamed; k++)
		key.sort_keys[k] = (sort->fields[k] << 1) | sort->descending[k];
	if (cursor != NULL)
	{
		key.has_cursor = 1;
		for (k = 0; k < sort->nkeys; k++)
			if (cursor->isnull[k])
				key.cursor_nulls[k / 8] |= 1 << (k % 8);
	}

	*transient = false;
	plan = LookupKeptPlan(&key);
	if (plan != NULL)
		return plan;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT " PI_INVITATION_COLUMNS);
	for (k = 0; k < sort->nkeys; k++)
		appendStringInfo(&sql, ", %s",
						 sort_fields[sort->fields[k]].expression);
	appendStringInfoString(&sql, " FROM " PI_INVITATIONS " i");
	has_where = AppendWhere(&sql, key.filter_mask,
							restricted ? LIST_VISIBLE_PARAM : 0);

	memcpy(param_types, list_param_types, sizeof(list_param_types));
	if (cursor != NULL)
	{
		AppendKeyset(&sql, has_where, sort, cursor);
		for (k = 0; k < sort->nkeys; k++)
			param_types[nparams++] = sort_fields[sort->fields[k]].type;
	}
	AppendOrderBy(&sql, sort);
	appendStringInfoString(&sql, " LIMIT $8 OFFSET $9");
	plan = PreparePlan(&key, sql.data, nparams, param_types, false,
					   transient);
	pfree(sql.data);
	return plan;
}

/*
 * PiCountPlan returns the plan that counts the rows matching these
 * filters, parameters $1-$7 as in PiListPlan and, when restricted, the
 * visibility as $8 and $9.  There are at most 256 such plans, so they are
 * always kept.
 */
SPIPlanPtr
PiCountPlan(const PiFilters *filters, bool restricted)
{
	PlanKey		key;
	StringInfoData sql;
	SPIPlanPtr	plan;
	bool		transient;

	memset(&key, 0, sizeof(key));
	key.kind = PLAN_COUNT;
	key.filter_mask = FilterMask(filters);
	key.restricted = restricted;

	plan = LookupKeptPlan(&key);
	if (plan != NULL)
		return plan;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT pg_catalog.count(*) FROM "
						   PI_INVITATIONS " i");
	(void) AppendWhere(&sql, key.filter_mask,
					   restricted ? COUNT_VISIBLE_PARAM : 0);
	plan = PreparePlan(&key, sql.data, COUNT_NPARAMS,
					   (Oid *) count_param_types, true, &transient);
	pfree(sql.data);
	return plan;
}

/*
 * PiStatementPlan returns the kept plan of a fixed statement, preparing it
 * on first use in this backend.  Must be called inside an SPI connection.
 */
SPIPlanPtr
PiStatementPlan(PiStatement *statement)
{
	SPIPlanPtr	plan;

	if (statement->plan != NULL)
		return statement->plan;

	elog(DEBUG2, "program_invitations: preparing %s", statement->sql);
	/* Lookups by key: one generic plan serves every value (PlanChoice). */
	plan = SPI_prepare_cursor(statement->sql, statement->nargs,
							  statement->argtypes, CURSOR_OPT_GENERIC_PLAN);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", statement->sql,
			 SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	statement->plan = plan;
	return plan;
}

/*
 * PiFirstRowDatum turns the first row of SPI_tuptable into a value of the
 * function's composite result type, whose columns it must match in number
 * and type.  Allocates in result_context, so that it outlives SPI_finish.
 */
Datum
PiFirstRowDatum(FunctionCallInfo fcinfo, MemoryContext result_context)
{
	MemoryContext spi_context = MemoryContextSwitchTo(result_context);
	TupleDesc	result_desc;
	Datum	   *values;
	bool	   *nulls;
	HeapTuple	result;

	if (get_call_result_type(fcinfo, NULL, &result_desc) !=
		TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	result_desc = BlessTupleDesc(result_desc);
	values = palloc(sizeof(Datum) * SPI_tuptable->tupdesc->natts);
	nulls = palloc(sizeof(bool) * SPI_tuptable->tupdesc->natts);
	heap_deform_tuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
					  values, nulls);
	result = heap_form_tuple(result_desc, values, nulls);
	MemoryContextSwitchTo(spi_context);
	return HeapTupleGetDatum(result);
}
