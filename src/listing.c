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
 * in SQL, on indexes.
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
#define ARG_VERBOSE		10

/*
 * RunCount returns how many invitations match the filters.  Must be called
 * inside an SPI connection.
 */
static int64
RunCount(const PiFilters *filters)
{
	Datum		values[PI_FILTER_NPARAMS];
	char		nulls[PI_FILTER_NPARAMS];
	bool		isnull;
	int			rc;

	PiFilterParams(filters, values, nulls);
	rc = SPI_execute_plan(PiCountPlan(filters), values, nulls, true, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "counting invitations failed: %s",
			 SPI_result_code_string(rc));
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
									   SPI_tuptable->tupdesc, 1, &isnull));
}

/*
 * RunList runs the statement of one page; its rows are left in
 * SPI_tuptable.  Must be called inside an SPI connection.
 */
static void
RunList(const PiFilters *filters, const PiSort *sort, int32 page,
		int32 page_size)
{
	Datum		values[PI_FILTER_NPARAMS + 2];
	char		nulls[PI_FILTER_NPARAMS + 2];
	bool		transient;
	SPIPlanPtr	plan;
	int			rc;

	PiFilterParams(filters, values, nulls);
	values[PI_FILTER_NPARAMS] = Int64GetDatum((int64) page_size);
	values[PI_FILTER_NPARAMS + 1] =
		Int64GetDatum(((int64) page - 1) * page_size);
	nulls[PI_FILTER_NPARAMS] = ' ';
	nulls[PI_FILTER_NPARAMS + 1] = ' ';

	plan = PiListPlan(filters, sort, &transient);
	rc = SPI_execute_plan(plan, values, nulls, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "listing invitations failed: %s",
			 SPI_result_code_string(rc));
	if (transient)
		SPI_freeplan(plan);
}

/*
 * list_invitations returns one page of invitations as rows of the
 * invitation type, in materialize mode.  Raises 42501 for a caller who may
 * not read, 22023 for a bad sort, page, page_size or metadata filter.
 */
Datum
pi_list_invitations(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PiCaller	caller;
	PiFilters	filters;
	PiSort		sort;
	int32		page;
	int32		page_size;
	PiTableWork work;
	uint64		row;
	Datum		values[PI_NUM_COLUMNS];
	bool		nulls[PI_NUM_COLUMNS];

	PiIdentifyCaller("list_invitations", &caller);
	PiReadFilters(fcinfo, &filters);
	PiParseSort(PiArgText(fcinfo, ARG_SORT), &sort);
	PiCheckPaging(fcinfo, ARG_PAGE, &page, &page_size);

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PiBeginTableWork(&work);

	RunList(&filters, &sort, page, page_size);
	for (row = 0; row < SPI_processed; row++)
	{
		CHECK_FOR_INTERRUPTS();
		heap_deform_tuple(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
						  values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
							 values, nulls);
	}

	PiEndTableWork(&work);
	SPI_finish();
	return (Datum) 0;
}

/*
 * count_invitations returns how many invitations the filters match, over
 * all pages.  Raises 42501 for a caller who may not read and 22023 for a
 * metadata filter that is not an object.
 */
Datum
pi_count_invitations(PG_FUNCTION_ARGS)
{
	PiCaller	caller;
	PiFilters	filters;
	PiTableWork work;
	int64		count;

	PiIdentifyCaller("count_invitations", &caller);
	PiReadFilters(fcinfo, &filters);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PiBeginTableWork(&work);
	count = RunCount(&filters);
	PiEndTableWork(&work);
	SPI_finish();

	PG_RETURN_INT64(count);
}

/*
 * invitation_page returns one page as the seed's envelope (envelope.c).
 * The count and the page are read under the same snapshot, so they agree.
 * Raises what list_invitations raises.
 */
Datum
pi_invitation_page(PG_FUNCTION_ARGS)
{
	PiCaller	caller;
	PiFilters	filters;
	PiSort		sort;
	PiPageRequest request;
	PiTableWork work;
	MemoryContext caller_context = CurrentMemoryContext;
	MemoryContext spi_context;
	int64		count;
	Jsonb	   *envelope;

	PiIdentifyCaller("invitation_page", &caller);
	PiReadFilters(fcinfo, &filters);
	PiParseSort(PiArgText(fcinfo, ARG_SORT), &sort);
	request.filters = &filters;
	request.sort = &sort;
	PiCheckPaging(fcinfo, ARG_PAGE, &request.page, &request.page_size);
	request.verbose = !PG_ARGISNULL(ARG_VERBOSE) &&
		PG_GETARG_BOOL(ARG_VERBOSE);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PiBeginTableWork(&work);

	count = RunCount(&filters);
	RunList(&filters, &sort, request.page, request.page_size);

	spi_context = MemoryContextSwitchTo(caller_context);
	envelope = PiBuildEnvelope(&request, count, SPI_tuptable, SPI_processed);
	MemoryContextSwitchTo(spi_context);

	PiEndTableWork(&work);
	SPI_finish();

	PG_RETURN_JSONB_P(envelope);
}
