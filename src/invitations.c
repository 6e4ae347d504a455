/*-------------------------------------------------------------------------
 *
 * invitations.c
 *	  The write functions: create_invitation (an upsert) and
 *	  delete_invitation.
 *
 * A program has at most one open (active, not started) invitation per
 * email and per username, compared case-insensitively.  Two partial unique
 * indexes hold that rule; create finds and locks the open row, updates it
 * in place, or inserts with ON CONFLICT DO NOTHING and looks again when a
 * concurrent insert won.  So two sessions racing on the same email end with
 * one open row and neither gets an error at READ COMMITTED.
 *
 * src/invitations.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "utils/resowner.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "caller.h"
#include "program_invitations.h"
#include "query.h"
#include "unicode_text.h"
#include "validate.h"

PG_FUNCTION_INFO_V1(pi_create_invitation);
PG_FUNCTION_INFO_V1(pi_delete_invitation);

/* Arguments of create_invitation, in the order of its SQL signature. */
#define ARG_PROGRAM_KEY	0
#define ARG_EMAIL		1
#define ARG_USERNAME	2
#define ARG_ACTIVE		3
#define ARG_SOURCE		4
#define ARG_REDIRECT_TO	5
#define ARG_CREATED		6
#define ARG_EXPIRED		7
#define ARG_METADATA	8

/*
 * How often create looks for the open row again after a concurrent
 * transaction changed it under us.  Each round waits for that transaction,
 * so more than a few rounds means the row keeps changing.
 */
#define MAX_UPSERT_ROUNDS 5

/* One create_invitation call, cleaned. */
typedef struct CreateRequest
{
	char	   *program_key;
	char	   *email;			/* NULL when not given nor linked */
	char	   *username;
	bool		active;
	char	   *source;
	char	   *redirect_to;
	TimestampTz created;
	bool		expired_given;
	TimestampTz expired;
	Jsonb	   *metadata;		/* NULL when not given */
	bool		user_linked;
	int64		user_id;
} CreateRequest;

/* The open invitation an upsert found and locked. */
typedef struct OpenRow
{
	int64		id;
	TimestampTz created;
	Jsonb	   *metadata;
	bool		lacks_email;
	bool		lacks_username;
} OpenRow;

/*
 * The program's org and the users the email ($2) or username ($3) name,
 * in one statement: no row when there is no such program, one row with a
 * NULL user when no user matches, else a row per matching user.  The
 * program's row is key-share locked, so its org cannot change before the
 * invitation is written with it.
 */
static PiStatement program_and_users_statement = {
	"SELECT p.org, u.user_id, u.username, u.email,"
	" COALESCE(u.email_key OPERATOR(pg_catalog.=) $2, false),"
	" COALESCE(u.username_key OPERATOR(pg_catalog.=) $3, false)"
	" FROM " PI_PROGRAMS " p LEFT JOIN " PI_USERS " u"
	" ON (u.email_key OPERATOR(pg_catalog.=) $2"
	" OR u.username_key OPERATOR(pg_catalog.=) $3)"
	" WHERE p.program_key OPERATOR(pg_catalog.=) $1"
	" FOR KEY SHARE OF p",
	3, {TEXTOID, TEXTOID, TEXTOID}
};

static PiStatement find_open_statement = {
	"SELECT i.id, i.created, i.metadata,"
	" COALESCE(i.email_key OPERATOR(pg_catalog.=) $2, false),"
	" i.email IS NULL, i.username IS NULL"
	" FROM " PI_INVITATIONS " i"
	" WHERE i.program_key OPERATOR(pg_catalog.=) $1"
	" AND i.active AND i.started IS NULL"
	" AND (i.email_key OPERATOR(pg_catalog.=) $2"
	" OR i.username_key OPERATOR(pg_catalog.=) $3)"
	" ORDER BY i.id FOR UPDATE OF i",
	3, {TEXTOID, TEXTOID, TEXTOID}
};

static PiStatement insert_statement = {
	"INSERT INTO " PI_INVITATIONS " AS i (org, program_key, user_id,"
	" username, email, created, expired, source, redirect_to, active,"
	" metadata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
	" ON CONFLICT DO NOTHING RETURNING " PI_INVITATION_COLUMNS,
	11, {TEXTOID, TEXTOID, INT8OID, TEXTOID, TEXTOID, TIMESTAMPTZOID,
	TIMESTAMPTZOID, TEXTOID, TEXTOID, BOOLOID, JSONBOID}
};

/*
 * The update keeps stored values where the call gives none: NULL source,
 * redirect_to and expired keep theirs; a stored user_id, username or email
 * is kept and only a missing one is filled from the call.
 */
static PiStatement update_statement = {
	"UPDATE " PI_INVITATIONS " AS i SET"
	" user_id = COALESCE(i.user_id, $3),"
	" username = COALESCE(i.username, $4),"
	" email = COALESCE(i.email, $5),"
	" expired = COALESCE($6, i.expired),"
	" source = COALESCE($7, i.source),"
	" redirect_to = COALESCE($8, i.redirect_to),"
	" active = $9, metadata = $10"
	" WHERE i.org OPERATOR(pg_catalog.=) $1"
	" AND i.id OPERATOR(pg_catalog.=) $2"
	" RETURNING " PI_INVITATION_COLUMNS,
	10, {TEXTOID, INT8OID, INT8OID, TEXTOID, TEXTOID, TIMESTAMPTZOID,
	TEXTOID, TEXTOID, BOOLOID, JSONBOID}
};

static PiStatement delete_statement = {
	"DELETE FROM " PI_INVITATIONS " AS i"
	" WHERE i.org OPERATOR(pg_catalog.=) $1"
	" AND i.id OPERATOR(pg_catalog.=) $2"
	" RETURNING " PI_INVITATION_COLUMNS,
	2, {TEXTOID, INT8OID}
};

/* The delete of a program admin: only rows of the programs in $3. */
static PiStatement delete_in_programs_statement = {
	"DELETE FROM " PI_INVITATIONS " AS i"
	" WHERE i.org OPERATOR(pg_catalog.=) $1"
	" AND i.id OPERATOR(pg_catalog.=) $2"
	" AND i.program_key OPERATOR(pg_catalog.=) ANY ($3)"
	" RETURNING " PI_INVITATION_COLUMNS,
	3, {TEXTOID, INT8OID, TEXTARRAYOID}
};

static PiStatement program_of_statement = {
	"SELECT i.program_key FROM " PI_INVITATIONS " AS i"
	" WHERE i.org OPERATOR(pg_catalog.=) $1"
	" AND i.id OPERATOR(pg_catalog.=) $2",
	2, {TEXTOID, INT8OID}
};

/* TextParam sets one text parameter slot, NULL when str is NULL. */
static void
TextParam(Datum *values, char *nulls, int i, const char *str)
{
	values[i] = str ? CStringGetTextDatum(str) : (Datum) 0;
	nulls[i] = str ? ' ' : 'n';
}

/*
 * KeyParams sets parameters $1 to $3 of the lookups by person: the
 * program, and the case-insensitive keys of the email and the username.
 */
static void
KeyParams(const CreateRequest *request, Datum *values, char *nulls)
{
	TextParam(values, nulls, 0, request->program_key);
	TextParam(values, nulls, 1,
			  request->email ? PiFoldKey(request->email) : NULL);
	TextParam(values, nulls, 2,
			  request->username ? PiFoldKey(request->username) : NULL);
}

/* GetText returns a text column of an SPI row as a C string, or NULL. */
static char *
GetText(HeapTuple row, TupleDesc desc, int attno)
{
	bool		isnull;
	Datum		value = SPI_getbinval(row, desc, attno, &isnull);

	return isnull ? NULL : TextDatumGetCString(value);
}

/*
 * ReadCreateRequest reads and validates create_invitation's arguments.
 * Raises 22004 for a NULL or blank program_key, 22023 for an invalid value
 * or when neither email nor username is given, 54000 for an oversized one.
 */
static void
ReadCreateRequest(FunctionCallInfo fcinfo, CreateRequest *request)
{
	memset(request, 0, sizeof(CreateRequest));

	request->program_key = PiCleanFilter(PiArgText(fcinfo, ARG_PROGRAM_KEY));
	if (request->program_key == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("parameter \"program_key\" must not be null")));

	request->email = PiCleanEmail(PiArgText(fcinfo, ARG_EMAIL));
	request->username = PiCleanUsername(PiArgText(fcinfo, ARG_USERNAME));
	if (request->email == NULL && request->username == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("parameter \"email\" or \"username\" is required"),
				 errdetail("An invitation names the person it invites.")));

	request->active = PG_ARGISNULL(ARG_ACTIVE) || PG_GETARG_BOOL(ARG_ACTIVE);
	request->source = PiCleanSource(PiArgText(fcinfo, ARG_SOURCE));
	request->redirect_to = PiCleanRedirect(PiArgText(fcinfo, ARG_REDIRECT_TO));

	request->created = !PG_ARGISNULL(ARG_CREATED) ?
		PG_GETARG_TIMESTAMPTZ(ARG_CREATED) :
		GetCurrentTransactionStartTimestamp();
	if (TIMESTAMP_NOT_FINITE(request->created))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"created\": \"%s\"",
						timestamptz_to_str(request->created)),
				 errdetail("An invitation is created at a finite time.")));

	/*
	 * expired is checked against the created of the row it will apply to:
	 * the stored one on an update (created then stays), this one on an
	 * insert.  So the check waits until the open row is known.
	 */
	request->expired_given = !PG_ARGISNULL(ARG_EXPIRED);
	if (request->expired_given)
		request->expired = PG_GETARG_TIMESTAMPTZ(ARG_EXPIRED);

	request->metadata = PiCleanMetadata(PiArgJsonb(fcinfo, ARG_METADATA));
}

/*
 * ProgramAndUser returns the org of the request's program, raising PT404
 * when there is no such program, and links the request to the platform
 * user whose email or username matches, case-insensitively, filling the
 * missing one of email and username from that user.  When both are given
 * and either names a user, both must name that same user, else 22023.
 */
static char *
ProgramAndUser(CreateRequest *request)
{
	Datum		values[3];
	char		nulls[3];
	int			rc;
	uint64		row;
	HeapTuple	email_user = NULL;
	HeapTuple	username_user = NULL;
	HeapTuple	user;
	TupleDesc	desc;
	bool		isnull;
	char	   *org;

	KeyParams(request, values, nulls);
	rc = SPI_execute_plan(PiStatementPlan(&program_and_users_statement),
						  values, nulls, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "looking up the program and users failed: %s",
			 SPI_result_code_string(rc));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_PI_NOT_FOUND),
				 errmsg("program \"%s\" not found",
						PiQuote(request->program_key))));

	desc = SPI_tuptable->tupdesc;
	org = GetText(SPI_tuptable->vals[0], desc, 1);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];

		if (DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull)))
			email_user = tuple;
		if (DatumGetBool(SPI_getbinval(tuple, desc, 6, &isnull)))
			username_user = tuple;
	}

	if (request->email && request->username &&
		email_user != username_user)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("parameters \"email\" and \"username\" name "
						"different users"),
				 errdetail("Email \"%s\" and username \"%s\" must name the "
						   "same platform user when either names one.",
						   PiQuote(request->email),
						   PiQuote(request->username)),
				 errhint("Give only one of them, or the pair that belongs "
						 "to one user.")));

	user = email_user ? email_user : username_user;
	if (user == NULL)
		return org;
	request->user_linked = true;
	request->user_id = DatumGetInt64(SPI_getbinval(user, desc, 2, &isnull));
	if (request->email == NULL)
		request->email = GetText(user, desc, 4);
	if (request->username == NULL)
		request->username = GetText(user, desc, 3);
	return org;
}

/*
 * FindOpenRow looks for the open invitation of the program with the
 * request's email or username, and locks it.  Returns false when there is
 * none; raises 23505 when the email matches one open row and the username
 * another, since no single update can serve both.
 */
static bool
FindOpenRow(const CreateRequest *request, OpenRow *open)
{
	Datum		values[3];
	char		nulls[3];
	int			rc;
	HeapTuple	tuple;
	TupleDesc	desc;
	bool		isnull;

	KeyParams(request, values, nulls);
	rc = SPI_execute_plan(PiStatementPlan(&find_open_statement),
						  values, nulls, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "looking up open invitations failed: %s",
			 SPI_result_code_string(rc));
	if (SPI_processed == 0)
		return false;

	desc = SPI_tuptable->tupdesc;
	if (SPI_processed > 1)
	{
		int64		first = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
														desc, 1, &isnull));
		int64		second = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[1],
														 desc, 1, &isnull));
		bool		first_by_email =
			DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], desc, 4,
									   &isnull));

		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("email and username match two different open "
						"invitations"),
				 errdetail("The email matches open invitation " INT64_FORMAT
						   " and the username matches open invitation "
						   INT64_FORMAT ".",
						   first_by_email ? first : second,
						   first_by_email ? second : first),
				 errhint("Delete or deactivate one of them, or give only "
						 "the email or only the username.")));
	}

	tuple = SPI_tuptable->vals[0];
	open->id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
	open->created = DatumGetTimestampTz(SPI_getbinval(tuple, desc, 2,
													  &isnull));
	open->metadata = DatumGetJsonbP(SPI_getbinval(tuple, desc, 3, &isnull));
	open->lacks_email = DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull));
	open->lacks_username = DatumGetBool(SPI_getbinval(tuple, desc, 6,
													  &isnull));
	return true;
}

/* RunUpdate runs the update of open row id with these parameters. */
static void
RunUpdate(Datum *values, char *nulls, int64 id)
{
	int			rc = SPI_execute_plan(PiStatementPlan(&update_statement),
									  values, nulls, false, 0);

	if (rc != SPI_OK_UPDATE_RETURNING || SPI_processed != 1)
		elog(ERROR, "updating invitation " INT64_FORMAT " failed: %s",
			 id, SPI_result_code_string(rc));
}

/*
 * UpdateFillingKeys runs an update that fills a missing email or username
 * in a subtransaction; returns false, with nothing written, when a unique
 * index refused it (see UpdateOpenRow).  Any other error is raised again.
 */
static bool
UpdateFillingKeys(Datum *values, char *nulls, int64 id)
{
	MemoryContext context = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile bool updated = true;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(context);
	PG_TRY();
	{
		RunUpdate(values, nulls, id);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *error;

		MemoryContextSwitchTo(context);
		error = CopyErrorData();
		if (error->sqlerrcode != ERRCODE_UNIQUE_VIOLATION)
			PG_RE_THROW();
		FlushErrorState();
		FreeErrorData(error);
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		updated = false;
	}
	PG_END_TRY();
	return updated;
}

/*
 * UpdateOpenRow applies the request to the open row it found: active,
 * source, redirect_to and expired take the given values (NULL keeps the
 * stored one), metadata is merged with the new keys winning, and a
 * missing email, username or user_id is filled; id and created stay.
 * Leaves the updated row in SPI_tuptable and returns true.
 *
 * When the update fills a missing email or username, a transaction may
 * have committed another open row with that very email or username since
 * FindOpenRow looked; the partial unique index then refuses the update.
 * That update alone runs in a subtransaction, and on a unique violation it
 * returns false so that the caller looks again: it then finds both rows
 * and answers with the contract's 23505 naming both.
 */
static bool
UpdateOpenRow(const CreateRequest *request, const char *org,
			  const OpenRow *open)
{
	Datum		values[10];
	char		nulls[10];
	Jsonb	   *metadata = open->metadata;

	if (request->expired_given)
		PiCheckExpired(request->expired, open->created);
	if (request->metadata != NULL)
	{
		Datum		stored = JsonbPGetDatum(open->metadata);
		Datum		given = JsonbPGetDatum(request->metadata);
		Datum		merged = DirectFunctionCall2(jsonb_concat, stored, given);

		metadata = DatumGetJsonbP(merged);
		PiCheckMetadataSize(metadata);
	}

	TextParam(values, nulls, 0, org);
	values[1] = Int64GetDatum(open->id);
	nulls[1] = ' ';
	values[2] = Int64GetDatum(request->user_id);
	nulls[2] = request->user_linked ? ' ' : 'n';
	TextParam(values, nulls, 3, request->username);
	TextParam(values, nulls, 4, request->email);
	values[5] = TimestampTzGetDatum(request->expired);
	nulls[5] = request->expired_given ? ' ' : 'n';
	TextParam(values, nulls, 6, request->source);
	TextParam(values, nulls, 7, request->redirect_to);
	values[8] = BoolGetDatum(request->active);
	nulls[8] = ' ';
	values[9] = JsonbPGetDatum(metadata);
	nulls[9] = ' ';

	if ((open->lacks_email && request->email) ||
		(open->lacks_username && request->username))
		return UpdateFillingKeys(values, nulls, open->id);

	RunUpdate(values, nulls, open->id);
	return true;
}

/*
 * InsertRow inserts the request as a new invitation.  Returns false when a
 * concurrent transaction committed an open row with the same email or
 * username first (ON CONFLICT DO NOTHING); the caller then looks again.
 * On success the new row is in SPI_tuptable.
 */
static bool
InsertRow(const CreateRequest *request, const char *org)
{
	Datum		values[11];
	char		nulls[11];
	int			rc;

	if (request->expired_given)
		PiCheckExpired(request->expired, request->created);

	TextParam(values, nulls, 0, org);
	TextParam(values, nulls, 1, request->program_key);
	values[2] = Int64GetDatum(request->user_id);
	nulls[2] = request->user_linked ? ' ' : 'n';
	TextParam(values, nulls, 3, request->username);
	TextParam(values, nulls, 4, request->email);
	values[5] = TimestampTzGetDatum(request->created);
	nulls[5] = ' ';
	values[6] = TimestampTzGetDatum(request->expired);
	nulls[6] = request->expired_given ? ' ' : 'n';
	TextParam(values, nulls, 7, request->source);
	TextParam(values, nulls, 8, request->redirect_to);
	values[9] = BoolGetDatum(request->active);
	nulls[9] = ' ';
	values[10] = request->metadata ? JsonbPGetDatum(request->metadata) :
		DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"));
	nulls[10] = ' ';

	rc = SPI_execute_plan(PiStatementPlan(&insert_statement),
						  values, nulls, false, 0);
	if (rc != SPI_OK_INSERT_RETURNING)
		elog(ERROR, "inserting an invitation failed: %s",
			 SPI_result_code_string(rc));
	return SPI_processed == 1;
}

/*
 * create_invitation creates an invitation, or updates the open one of the
 * same program with the same email or username (see the file header).
 * Checks in the contract's order: the caller (42501), the arguments
 * (22004, 22023, 54000), the right to write to the program (42501, before
 * the program is looked up, so that only a DM admin learns whether it
 * exists), the program (PT404); then links the user (22023) and upserts
 * (23505 when email and username match two open rows).
 */
Datum
pi_create_invitation(PG_FUNCTION_ARGS)
{
	MemoryContext caller_context = CurrentMemoryContext;
	PiCall		call;
	CreateRequest request;
	char	   *org;
	OpenRow		open;
	int			round;
	Datum		result;

	PiBeginCall(&call, "create_invitation", true);
	ReadCreateRequest(fcinfo, &request);
	/* Before the lookup, so that no answer tells whether it exists. */
	if (!PiMayWrite(&call, request.program_key))
		PiRefuseWrite(&call, request.program_key);
	org = ProgramAndUser(&request);

	for (round = 1;; round++)
	{
		if (FindOpenRow(&request, &open))
		{
			if (UpdateOpenRow(&request, org, &open))
				break;
		}
		else if (InsertRow(&request, org))
			break;
		if (round == MAX_UPSERT_ROUNDS)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not create the invitation: concurrent "
							"changes to the same invitation kept "
							"conflicting"),
					 errhint("Retry the transaction.")));
	}
	result = PiFirstRowDatum(fcinfo, caller_context);

	PiEndCall(&call);
	PG_RETURN_DATUM(result);
}

/*
 * RefuseDelete raises the error of a delete that removed nothing: 42501
 * when the caller may see the row but not write it, else PT404, with the
 * same message whether the row is missing or another org's.
 */
static void
RefuseDelete(const PiCall *call, int64 id, const char *org)
{
	Datum		values[2];
	char		nulls[2] = {' ', ' '};
	int			rc;

	values[0] = CStringGetTextDatum(org);
	values[1] = Int64GetDatum(id);
	rc = SPI_execute_plan(PiStatementPlan(&program_of_statement), values,
						  nulls, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "looking up invitation " INT64_FORMAT " failed: %s",
			 id, SPI_result_code_string(rc));
	if (SPI_processed == 1)
	{
		char	   *program_key = GetText(SPI_tuptable->vals[0],
										  SPI_tuptable->tupdesc, 1);

		if (PiMaySee(call, org, program_key))
			PiRefuseWrite(call, program_key);
	}
	ereport(ERROR,
			(errcode(ERRCODE_PI_NOT_FOUND),
			 errmsg("invitation " INT64_FORMAT " not found", id),
			 errdetail("No invitation has that id in org \"%s\".",
					   PiQuote(org))));
}

/*
 * delete_invitation deletes the invitation with that id in that org and
 * returns it.  A NULL argument is 22004.  A row the caller may not see,
 * a row of another org and no row at all give the same PT404 and the same
 * message, so existence never leaks across orgs; a row the caller may see
 * but not write (a platform admin's, or with a read-only key) is 42501.
 */
Datum
pi_delete_invitation(PG_FUNCTION_ARGS)
{
	MemoryContext caller_context = CurrentMemoryContext;
	PiCall		call;
	int64		id;
	char	   *org;
	Datum		values[3];
	char		nulls[3] = {' ', ' ', ' '};
	bool		restricted;
	int			rc;
	Datum		result;

	PiBeginCall(&call, "delete_invitation", true);
	PiRequireNotNull(fcinfo, 0, "id");
	PiRequireNotNull(fcinfo, 1, "org");
	id = PG_GETARG_INT64(0);
	org = text_to_cstring(PG_GETARG_TEXT_PP(1));

	values[0] = CStringGetTextDatum(org);
	values[1] = Int64GetDatum(id);
	restricted = !call.dm_admin || call.read_only;
	if (restricted)
		values[2] = call.read_only ?
			PointerGetDatum(construct_empty_array(TEXTOID)) :
			call.rights->admin_program_array;
	rc = SPI_execute_plan(PiStatementPlan(restricted ?
										  &delete_in_programs_statement :
										  &delete_statement),
						  values, nulls, false, 0);
	if (rc != SPI_OK_DELETE_RETURNING)
		elog(ERROR, "deleting invitation " INT64_FORMAT " failed: %s",
			 id, SPI_result_code_string(rc));
	if (SPI_processed == 0)
		RefuseDelete(&call, id, org);
	result = PiFirstRowDatum(fcinfo, caller_context);

	PiEndCall(&call);
	PG_RETURN_DATUM(result);
}
