/*-------------------------------------------------------------------------
 *
 * query.h
 *	  Filters and sort of a listing, and the kept plans that run them.
 *
 * src/query.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_QUERY_H
#define PI_QUERY_H

#include "executor/spi.h"
#include "fmgr.h"
#include "utils/jsonb.h"

#include "program_invitations.h"

/* The filters of list, count and page, cleaned; NULL means no filter. */
typedef struct PiFilters
{
	char	   *program_key;
	char	   *org;
	char	   *email;			/* as given, trimmed and NFC (for links) */
	char	   *email_key;		/* its case-insensitive key (for matching) */
	char	   *username;
	char	   *username_key;
	char	   *source;
	bool		active_given;
	bool		active;
	Jsonb	   *metadata;
} PiFilters;

/* Filters take parameters $1 to $7 of every listing statement. */
#define PI_FILTER_NPARAMS	7

/* A sort names each field at most once; there are ten fields. */
#define PI_SORT_MAX_KEYS	10

/*
 * A parsed sort: the fields the caller named, in order, then id as the
 * tie-breaker when the caller did not name it.
 */
typedef struct PiSort
{
	int			nnamed;			/* fields the caller named */
	int			nkeys;			/* and the id tie-breaker */
	uint8		fields[PI_SORT_MAX_KEYS];
	bool		descending[PI_SORT_MAX_KEYS];
} PiSort;

/* A decoded keyset cursor: the sort values of the row to resume after. */
typedef struct PiCursor
{
	Datum		values[PI_SORT_MAX_KEYS];
	bool		isnull[PI_SORT_MAX_KEYS];
} PiCursor;

/* One page as a caller asked for it, cleaned. */
typedef struct PiPageRequest
{
	PiFilters	filters;
	PiSort		sort;
	int32		page;
	int32		page_size;
	bool		verbose;		/* invitation_page only */
	bool		has_cursor;
	PiCursor	cursor;
} PiPageRequest;

/*
 * Listing statements return PI_INVITATION_COLUMNS, then the value of each
 * sort key (sort->nkeys of them) from this column on, for the cursor.
 */
#define PI_FIRST_SORT_COLUMN (PI_NUM_COLUMNS + 1)

/*
 * A fixed statement of the write path: its SQL, its parameter types and,
 * once first used, its kept plan.
 */
#define PI_STATEMENT_MAX_ARGS 12

typedef struct PiStatement
{
	const char *sql;
	int			nargs;
	Oid			argtypes[PI_STATEMENT_MAX_ARGS];
	SPIPlanPtr	plan;
} PiStatement;

extern SPIPlanPtr PiStatementPlan(PiStatement *statement);
extern Datum PiFirstRowDatum(FunctionCallInfo fcinfo,
							 MemoryContext result_context);
extern void PiReadFilters(FunctionCallInfo fcinfo, PiFilters *filters);
extern void PiFilterParams(const PiFilters *filters, Datum *values,
						   char *nulls);
extern void PiParseSort(text *raw, PiSort *sort);
extern char *PiSortText(const PiSort *sort);
extern Oid	PiSortFieldType(int field);
extern SPIPlanPtr PiListPlan(const PiFilters *filters, const PiSort *sort,
							 const PiCursor *cursor, bool restricted,
							 bool *transient);
extern SPIPlanPtr PiCountPlan(const PiFilters *filters, bool restricted);

#endif							/* PI_QUERY_H */
