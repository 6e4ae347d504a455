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

#define PI_SORT_MAX_KEYS	10

/* A parsed sort: field numbers with a direction, in the caller's order. */
typedef struct PiSort
{
	int			nkeys;
	uint8		fields[PI_SORT_MAX_KEYS];
	bool		descending[PI_SORT_MAX_KEYS];
} PiSort;

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
extern void PiReadFilters(FunctionCallInfo fcinfo, PiFilters *filters);
extern void PiFilterParams(const PiFilters *filters, Datum *values,
						   char *nulls);
extern void PiParseSort(text *raw, PiSort *sort);
extern char *PiSortText(const PiSort *sort);
extern SPIPlanPtr PiListPlan(const PiFilters *filters, const PiSort *sort,
							 bool *transient);
extern SPIPlanPtr PiCountPlan(const PiFilters *filters);

#endif							/* PI_QUERY_H */
