/*-------------------------------------------------------------------------
 *
 * listing.c
 *	  The read functions: list_invitations, count_invitations and
 *	  invitation_page.
 *
 * Each one identifies its caller, cleans its arguments, then runs the kept
 * plan of its statement's shape (query.c) read-only, with the caller's
 * snapshot: they are STABLE and free of side effects, as PostgREST may call
 * them more than once per request.  Filtering, sorting and paging happen
 * in SQL, on indexes.  A caller who is not a DM admin sees only the rows
 * of its orgs and programs: a filter outside them gives an empty page,
 * never an error.
 *
 * src/listing.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/tuplestore.h"

#include "caller.h"
#include "cursor.h"
#include "envelope.h"
#include "program_invitations.h"
#include "query.h"
#include "validate.h"

PG_FUNCTION_INFO_V1(pi_list_invitations);
PG_FUNCTION_INFO_V1(pi_count_invitations);
PG_FUNCTION_INFO_V1(pi_invitation_page);

/* Argument numbers shared by list_invitations and invitation_page. */
#define ARG_SORT		7
#define ARG_PAGE		8
#define ARG_VERBOSE		10		/* invitation_page only */
#define ARG_LIST_CURSOR	10
#define ARG_PAGE_CURSOR	11

/*
 * ReadPageRequest reads and cleans the arguments of list_invitations or
 * invitation_page: filters, sort, paging and the cursor (argument
 * cursor_argno).  Raises 22023 for a bad sort, page, page_size, metadata
 * filter or cursor, and for a cursor given with a page other than 1.
 */
static void
ReadPageRequest(FunctionCallInfo fcinfo, int cursor_argno, bool has_verbose,
				PiPageRequest *request)
{
	text	   *cursor = PiArgText(fcinfo, cursor_argno);

	memset(request, 0, sizeof(PiPageRequest));
	PiReadFilters(fcinfo, &request->filters);
	PiParseSort(PiArgText(fcinfo, ARG_SORT), &request->sort);
	PiCheckPaging(fcinfo, ARG_PAGE, &request->page, &request->page_size);
	request->verbose = has_verbose && !PG_ARGISNULL(ARG_VERBOSE) &&
		PG_GETARG_BOOL(ARG_VERBOSE);

	if (cursor == NULL || VARSIZE_ANY_EXHDR(cursor) == 0)
		return;
	if (request->page != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"page\": %d",
						request->page),
				 errdetail("A cursor resumes after its own row, so it "
						   "goes with page 1 only."),
				 errhint("Omit page when you pass a cursor.")));
	request->has_cursor = true;
	PiDecodeCursor(text_to_cstring(cursor), &request->filters,
				   &request->sort, &request->cursor);
}

/*
 * RunCount returns how many invitations the caller may see match the
 * filters.  Must be called inside the call's SPI connection.
 */
static int64
RunCount(const PiCall *call, const PiFilters *filters)
{
	Datum		values[PI_FILTER_NPARAMS + 2];
	char		nulls[PI_FILTER_NPARAMS + 2];
	bool		isnull;
	int			rc;

	PiFilterParams(filters, values, nulls);
	values[PI_FILTER_NPARAMS] = call->rights->platform_org_array;
	values[PI_FILTER_NPARAMS + 1] = call->rights->admin_program_array;
	nulls[PI_FILTER_NPARAMS] = call->dm_admin ? 'n' : ' ';
	nulls[PI_FILTER_NPARAMS + 1] = call->dm_admin ? 'n' : ' ';
	rc = SPI_execute_plan(PiCountPlan(filters, !call->dm_admin),
						  values, nulls, true, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "counting invitations failed: %s",
			 SPI_result_code_string(rc));
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
									   SPI_tuptable->tupdesc, 1, &isnull));
}

/*
 * RunList runs the statement of one page, fetching one row more than the
 * page holds so that the caller knows whether another page follows, and
 * only rows the caller may see.  The rows are left in SPI_tuptable.  Must
 * be called inside the call's SPI connection.
 */
static void
RunList(const PiCall *call, const PiPageRequest *request)
{
	Datum		values[PI_FILTER_NPARAMS + 4 + PI_SORT_MAX_KEYS];
	char		nulls[PI_FILTER_NPARAMS + 4 + PI_SORT_MAX_KEYS];
	bool		transient;
	SPIPlanPtr	plan;
	int			rc;
	int			k;

	PiFilterParams(&request->filters, values, nulls);
	values[PI_FILTER_NPARAMS] = Int64GetDatum((int64) request->page_size + 1);
	values[PI_FILTER_NPARAMS + 1] =
		Int64GetDatum(((int64) request->page - 1) * request->page_size);
	nulls[PI_FILTER_NPARAMS] = ' ';
	nulls[PI_FILTER_NPARAMS + 1] = ' ';
	values[PI_FILTER_NPARAMS + 2] = call->rights->platform_org_array;
	values[PI_FILTER_NPARAMS + 3] = call->rights->admin_program_array;
	nulls[PI_FILTER_NPARAMS + 2] = call->dm_admin ? 'n' : ' ';
	nulls[PI_FILTER_NPARAMS + 3] = call->dm_admin ? 'n' : ' ';
	if (request->has_cursor)
		for (k = 0; k < request->sort.nkeys; k++)
		{
			values[PI_FILTER_NPARAMS + 4 + k] = request->cursor.values[k];
			nulls[PI_FILTER_NPARAMS + 4 + k] =
				request->cursor.isnull[k] ? 'n' : ' ';
		}

	plan = PiListPlan(&request->filters, &request->sort,
					  request->has_cursor ? &request->cursor : NULL,
					  !call->dm_admin, &transient);
	rc = SPI_execute_plan(plan, values, nulls, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "listing invitations failed: %s",
			 SPI_result_code_string(rc));
	if (transient)
		SPI_freeplan(plan);
}

/*
 * list_invitations returns one page of invitations as rows of the
 * invitation type, in materialize mode.  Raises 42501 for a caller who
 * cannot be identified, 22023 for a bad sort, page, page_size, metadata
 * filter or cursor.
 */
Datum
pi_list_invitations(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PiCall		call;
	PiPageRequest request;
	uint64		row;
	uint64		nrows;
	Datum		values[PI_NUM_COLUMNS + PI_SORT_MAX_KEYS];
	bool		nulls[PI_NUM_COLUMNS + PI_SORT_MAX_KEYS];

	PiBeginCall(&call, "list_invitations", false);
	ReadPageRequest(fcinfo, ARG_LIST_CURSOR, false, &request);

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	RunList(&call, &request);
	nrows = Min(SPI_processed, (uint64) request.page_size);
	for (row = 0; row < nrows; row++)
	{
		CHECK_FOR_INTERRUPTS();
		/* The first PI_NUM_COLUMNS values are the invitation itself. */
		heap_deform_tuple(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
						  values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
							 values, nulls);
	}

	PiEndCall(&call);
	return (Datum) 0;
}

/*
 * count_invitations returns how many invitations the filters match, over
 * all pages, among those the caller may see.  Raises 42501 for a caller
 * who cannot be identified and 22023 for a metadata filter that is not an
 * object.
 */
Datum
pi_count_invitations(PG_FUNCTION_ARGS)
{
	PiCall		call;
	PiFilters	filters;
	int64		count;

	PiBeginCall(&call, "count_invitations", false);
	PiReadFilters(fcinfo, &filters);
	count = RunCount(&call, &filters);
	PiEndCall(&call);

	PG_RETURN_INT64(count);
}

/*
 * invitation_page returns one page as the seed's envelope, plus
 * next_cursor (envelope.c).  The count and the page are read under the
 * same snapshot, so they agree.  Raises what list_invitations raises.
 */
Datum
pi_invitation_page(PG_FUNCTION_ARGS)
{
	PiCall		call;
	PiPageRequest request;
	MemoryContext caller_context = CurrentMemoryContext;
	MemoryContext spi_context;
	int64		count;
	Jsonb	   *envelope;

	PiBeginCall(&call, "invitation_page", false);
	ReadPageRequest(fcinfo, ARG_PAGE_CURSOR, true, &request);

	count = RunCount(&call, &request.filters);
	RunList(&call, &request);

	spi_context = MemoryContextSwitchTo(caller_context);
	envelope = PiBuildEnvelope(&request, count, SPI_tuptable, SPI_processed,
							   SPI_processed > (uint64) request.page_size);
	MemoryContextSwitchTo(spi_context);

	PiEndCall(&call);
	PG_RETURN_JSONB_P(envelope);
}
