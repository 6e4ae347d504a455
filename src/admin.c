/*-------------------------------------------------------------------------
 *
 * admin.c
 *	  The administration functions, for DM admins only: programs, users,
 *	  role grants, PostgREST roles, API keys and API grants.
 *
 * Each one checks for a DM admin first (42501), then validates its
 * arguments (22004, 22023), then works as the extension's owner like every
 * other call (caller.c).
 *
 * src/admin.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "api_keys.h"
#include "caller.h"
#include "program_invitations.h"
#include "query.h"
#include "unicode_text.h"
#include "validate.h"

PG_FUNCTION_INFO_V1(pi_upsert_program);
PG_FUNCTION_INFO_V1(pi_upsert_user);
PG_FUNCTION_INFO_V1(pi_grant_role);
PG_FUNCTION_INFO_V1(pi_revoke_role);
PG_FUNCTION_INFO_V1(pi_declare_postgrest_role);
PG_FUNCTION_INFO_V1(pi_undeclare_postgrest_role);
PG_FUNCTION_INFO_V1(pi_create_api_key);
PG_FUNCTION_INFO_V1(pi_revoke_api_key);
PG_FUNCTION_INFO_V1(pi_grant_api);
PG_FUNCTION_INFO_V1(pi_list_grants);
PG_FUNCTION_INFO_V1(pi_list_api_keys);

/* Longest program key, org, principal or claim name accepted. */
#define NAME_MAX_CHARS 255

static PiStatement update_program_statement = {
	"UPDATE " PI_PROGRAMS " p SET org = COALESCE($2, p.org),"
	" name = COALESCE($3, p.name)"
	" WHERE p.program_key OPERATOR(pg_catalog.=) $1"
	" RETURNING p.program_key, p.org, p.name",
	3, {TEXTOID, TEXTOID, TEXTOID}
};

static PiStatement insert_program_statement = {
	"INSERT INTO " PI_PROGRAMS " AS p (program_key, org, name)"
	" VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
	" RETURNING p.program_key, p.org, p.name",
	3, {TEXTOID, TEXTOID, TEXTOID}
};

static PiStatement user_conflict_statement = {
	"SELECT u.user_id FROM " PI_USERS " u"
	" WHERE (u.username_key OPERATOR(pg_catalog.=) $2"
	" OR u.email_key OPERATOR(pg_catalog.=) $3)"
	" AND u.user_id OPERATOR(pg_catalog.<>) $1 LIMIT 1",
	3, {INT8OID, TEXTOID, TEXTOID}
};

static PiStatement upsert_user_statement = {
	"INSERT INTO " PI_USERS " AS u (user_id, username, email)"
	" VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET"
	" username = COALESCE(EXCLUDED.username, u.username),"
	" email = COALESCE(EXCLUDED.email, u.email)"
	" RETURNING u.*",
	3, {INT8OID, TEXTOID, TEXTOID}
};

static PiStatement program_org_statement = {
	"SELECT p.org FROM " PI_PROGRAMS " p"
	" WHERE p.program_key OPERATOR(pg_catalog.=) $1",
	1, {TEXTOID}
};

static PiStatement insert_grant_statement = {
	"INSERT INTO " PI_ROLE_GRANTS " (principal, role, org, program_key,"
	" granted) VALUES ($1, $2, $3, $4, pg_catalog.statement_timestamp())"
	" ON CONFLICT DO NOTHING",
	4, {TEXTOID, TEXTOID, TEXTOID, TEXTOID}
};

static PiStatement delete_grant_statement = {
	"DELETE FROM " PI_ROLE_GRANTS " g"
	" WHERE g.principal OPERATOR(pg_catalog.=) $1"
	" AND g.role OPERATOR(pg_catalog.=) $2"
	" AND ($2 OPERATOR(pg_catalog.<>) 'platform_admin'"
	" OR g.org OPERATOR(pg_catalog.=) $3)"
	" AND ($2 OPERATOR(pg_catalog.<>) 'program_admin'"
	" OR g.program_key OPERATOR(pg_catalog.=) $4)",
	4, {TEXTOID, TEXTOID, TEXTOID, TEXTOID}
};

static PiStatement declare_role_statement = {
	"INSERT INTO " PI_POSTGREST_ROLES " AS r (role_name, claim, declared)"
	" VALUES ($1, $2, pg_catalog.statement_timestamp())"
	" ON CONFLICT (role_name) DO UPDATE SET claim = EXCLUDED.claim",
	2, {TEXTOID, TEXTOID}
};

static PiStatement undeclare_role_statement = {
	"DELETE FROM " PI_POSTGREST_ROLES " r"
	" WHERE r.role_name OPERATOR(pg_catalog.=) $1",
	1, {TEXTOID}
};

static PiStatement api_functions_statement = {
	"SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text"
	" FROM pg_catalog.pg_proc p"
	" WHERE p.pronamespace OPERATOR(pg_catalog.=)"
	" '" PI_SCHEMA "'::pg_catalog.regnamespace"
	" AND p.proname OPERATOR(pg_catalog.<>) 'text_key'"
	" AND p.prorettype OPERATOR(pg_catalog.<>)"
	" 'pg_catalog.trigger'::pg_catalog.regtype"
	" ORDER BY 1",
	0, {InvalidOid}
};

static PiStatement list_grants_statement = {
	"SELECT g.principal, g.role, g.org, g.program_key, g.granted"
	" FROM " PI_ROLE_GRANTS " g"
	" WHERE $1 IS NULL OR g.principal OPERATOR(pg_catalog.=) $1"
	" ORDER BY g.principal, g.role, g.org, g.program_key",
	1, {TEXTOID}
};

static PiStatement list_api_keys_statement = {
	"SELECT k.key_id, k.principal, k.read_only, k.created, k.expires,"
	" k.revoked, k.last_used FROM " PI_API_KEYS " k"
	" WHERE $1 IS NULL OR k.principal OPERATOR(pg_catalog.=) $1"
	" ORDER BY k.principal, k.created, k.key_id",
	1, {TEXTOID}
};

/*
 * RequiredName reads a required name argument (a program key, org,
 * principal, role name or claim): trimmed and NFC; NULL or blank is 22004;
 * control characters 22023; over 255 characters 54000.
 */
static char *
RequiredName(FunctionCallInfo fcinfo, int argno, const char *param)
{
	char	   *name = PiCleanFilter(PiArgText(fcinfo, argno));

	if (name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("parameter \"%s\" must not be null", param)));
	PiCheckName(param, name, NAME_MAX_CHARS);
	return name;
}

/* OptionalName reads a name argument that may be NULL. */
static char *
OptionalName(FunctionCallInfo fcinfo, int argno, const char *param)
{
	char	   *name = PiCleanFilter(PiArgText(fcinfo, argno));

	if (name != NULL)
		PiCheckName(param, name, NAME_MAX_CHARS);
	return name;
}

/* RunStatement runs a kept statement and checks its result code. */
static void
RunStatement(PiStatement *statement, Datum *values, char *nulls,
			 int expected)
{
	int			rc = SPI_execute_plan(PiStatementPlan(statement), values,
									  nulls, false, 0);

	if (rc != expected)
		elog(ERROR, "running \"%s\" failed: %s", statement->sql,
			 SPI_result_code_string(rc));
}

/* SetText sets parameter slot i to str, or NULL. */
static void
SetText(Datum *values, char *nulls, int i, const char *str)
{
	values[i] = str ? CStringGetTextDatum(str) : (Datum) 0;
	nulls[i] = str ? ' ' : 'n';
}

/* ExistingRole returns the oid of role name, or raises 22023. */
static Oid
ExistingRole(const char *name)
{
	Oid			role = get_role_oid(name, true);

	if (!OidIsValid(role))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"role_name\": \"%s\"",
						PiQuote(name)),
				 errdetail("No database role has that name.")));
	return role;
}

/*
 * upsert_program creates a program or updates one: a NULL org or name
 * keeps the stored value; a new program needs its org (22004).  Changing a
 * program's org moves its invitations and grants along.
 */
Datum
pi_upsert_program(PG_FUNCTION_ARGS)
{
	MemoryContext caller_context = CurrentMemoryContext;
	PiCall		call;
	char	   *program_key;
	char	   *org;
	char	   *name;
	Datum		values[3];
	char		nulls[3];
	Datum		result;

	PiBeginCall(&call, "upsert_program", true);
	PiRequireDmAdmin(&call);
	program_key = RequiredName(fcinfo, 0, "program_key");
	org = OptionalName(fcinfo, 1, "org");
	name = PiCleanFilter(PiArgText(fcinfo, 2));

	SetText(values, nulls, 0, program_key);
	SetText(values, nulls, 1, org);
	SetText(values, nulls, 2, name);
	for (;;)
	{
		RunStatement(&update_program_statement, values, nulls,
					 SPI_OK_UPDATE_RETURNING);
		if (SPI_processed == 1)
			break;
		if (org == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("parameter \"org\" must not be null"),
					 errdetail("Program \"%s\" is new, and a program "
							   "belongs to an org.", PiQuote(program_key))));
		RunStatement(&insert_program_statement, values, nulls,
					 SPI_OK_INSERT_RETURNING);
		if (SPI_processed == 1)
			break;
		/* A concurrent upsert inserted it first: update that row. */
	}
	result = PiFirstRowDatum(fcinfo, caller_context);
	PiEndCall(&call);
	PG_RETURN_DATUM(result);
}

/*
 * upsert_user creates a platform user or updates one: a NULL username or
 * email keeps the stored value.  Both follow the rules of
 * create_invitation (22023, 54000) and are unique case-insensitively
 * (23505).
 */
Datum
pi_upsert_user(PG_FUNCTION_ARGS)
{
	MemoryContext caller_context = CurrentMemoryContext;
	PiCall		call;
	int64		user_id;
	char	   *username;
	char	   *email;
	Datum		values[3];
	char		nulls[3];
	Datum		result;

	PiBeginCall(&call, "upsert_user", true);
	PiRequireDmAdmin(&call);
	PiRequireNotNull(fcinfo, 0, "user_id");
	user_id = PG_GETARG_INT64(0);
	username = PiCleanUsername(PiArgText(fcinfo, 1));
	email = PiCleanEmail(PiArgText(fcinfo, 2));

	values[0] = Int64GetDatum(user_id);
	nulls[0] = ' ';
	SetText(values, nulls, 1, username ? PiFoldKey(username) : NULL);
	SetText(values, nulls, 2, email ? PiFoldKey(email) : NULL);
	RunStatement(&user_conflict_statement, values, nulls, SPI_OK_SELECT);
	if (SPI_processed > 0)
	{
		bool		isnull;

		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("username or email already belongs to another user"),
				 errdetail("User " INT64_FORMAT " has that username or "
						   "email, compared case-insensitively.",
						   DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
													   SPI_tuptable->tupdesc,
													   1, &isnull)))));
	}

	SetText(values, nulls, 1, username);
	SetText(values, nulls, 2, email);
	RunStatement(&upsert_user_statement, values, nulls,
				 SPI_OK_INSERT_RETURNING);
	result = PiFirstRowDatum(fcinfo, caller_context);
	PiEndCall(&call);
	PG_RETURN_DATUM(result);
}

/* The role a grant names, checked; 22023 for an unknown one. */
typedef enum GrantRole
{
	ROLE_DM_ADMIN,
	ROLE_PLATFORM_ADMIN,
	ROLE_PROGRAM_ADMIN
} GrantRole;

/* A grant_role or revoke_role call, read and checked. */
typedef struct GrantRequest
{
	char	   *principal;
	char	   *role_name;
	GrantRole	role;
	char	   *org;
	char	   *program_key;
} GrantRequest;

/*
 * ReadGrant reads the arguments of grant_role and revoke_role: a
 * platform_admin needs org, a program_admin program_key (22004); a
 * dm_admin takes neither and a platform_admin no program (22023).
 */
static void
ReadGrant(FunctionCallInfo fcinfo, GrantRequest *grant)
{
	grant->principal = RequiredName(fcinfo, 0, "principal");
	grant->role_name = RequiredName(fcinfo, 1, "role");
	grant->org = OptionalName(fcinfo, 2, "org");
	grant->program_key = OptionalName(fcinfo, 3, "program_key");

	if (strcmp(grant->role_name, "dm_admin") == 0)
		grant->role = ROLE_DM_ADMIN;
	else if (strcmp(grant->role_name, "platform_admin") == 0)
		grant->role = ROLE_PLATFORM_ADMIN;
	else if (strcmp(grant->role_name, "program_admin") == 0)
		grant->role = ROLE_PROGRAM_ADMIN;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"role\": \"%s\"",
						PiQuote(grant->role_name)),
				 errhint("A role is dm_admin, platform_admin (with org) or "
						 "program_admin (with program_key).")));

	if (grant->role == ROLE_PLATFORM_ADMIN && grant->org == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("parameter \"org\" must not be null"),
				 errdetail("A platform_admin is the admin of an org.")));
	if (grant->role == ROLE_PROGRAM_ADMIN && grant->program_key == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("parameter \"program_key\" must not be null"),
				 errdetail("A program_admin is the admin of a program.")));
	if ((grant->role == ROLE_DM_ADMIN &&
		 (grant->org != NULL || grant->program_key != NULL)) ||
		(grant->role == ROLE_PLATFORM_ADMIN && grant->program_key != NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("role \"%s\" takes no %s", grant->role_name,
						grant->role == ROLE_DM_ADMIN ?
						"org or program_key" : "program_key"),
				 errhint("A dm_admin has every org; a platform_admin has "
						 "every program of its org.")));
}

/*
 * grant_role grants a role to a principal.  A program_admin's program must
 * exist (PT404) and belong to org when org is given (22023).  Granting
 * what is granted already changes nothing.
 */
Datum
pi_grant_role(PG_FUNCTION_ARGS)
{
	PiCall		call;
	GrantRequest grant;
	Datum		values[4];
	char		nulls[4];

	PiBeginCall(&call, "grant_role", true);
	PiRequireDmAdmin(&call);
	ReadGrant(fcinfo, &grant);

	if (grant.role == ROLE_PROGRAM_ADMIN)
	{
		char	   *program_org;
		bool		isnull;

		SetText(values, nulls, 0, grant.program_key);
		RunStatement(&program_org_statement, values, nulls, SPI_OK_SELECT);
		if (SPI_processed == 0)
			ereport(ERROR,
					(errcode(ERRCODE_PI_NOT_FOUND),
					 errmsg("program \"%s\" not found",
							PiQuote(grant.program_key))));
		program_org = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0],
														SPI_tuptable->tupdesc,
														1, &isnull));
		if (grant.org != NULL && strcmp(grant.org, program_org) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid value for parameter \"org\": \"%s\"",
							PiQuote(grant.org)),
					 errdetail("Program \"%s\" belongs to org \"%s\".",
							   PiQuote(grant.program_key),
							   PiQuote(program_org))));
		grant.org = program_org;
	}

	SetText(values, nulls, 0, grant.principal);
	SetText(values, nulls, 1, grant.role_name);
	SetText(values, nulls, 2, grant.org);
	SetText(values, nulls, 3, grant.program_key);
	RunStatement(&insert_grant_statement, values, nulls, SPI_OK_INSERT);
	PiEndCall(&call);
	PG_RETURN_VOID();
}

/*
 * revoke_role takes a role back from a principal; false when it was not
 * granted.
 */
Datum
pi_revoke_role(PG_FUNCTION_ARGS)
{
	PiCall		call;
	GrantRequest grant;
	Datum		values[4];
	char		nulls[4];
	bool		revoked;

	PiBeginCall(&call, "revoke_role", true);
	PiRequireDmAdmin(&call);
	ReadGrant(fcinfo, &grant);

	SetText(values, nulls, 0, grant.principal);
	SetText(values, nulls, 1, grant.role_name);
	SetText(values, nulls, 2, grant.org);
	SetText(values, nulls, 3, grant.program_key);
	RunStatement(&delete_grant_statement, values, nulls, SPI_OK_DELETE);
	revoked = SPI_processed > 0;
	PiEndCall(&call);
	PG_RETURN_BOOL(revoked);
}

/*
 * declare_postgrest_role declares role_name to be one that PostgREST
 * switches into, so that in it the principal is the JWT's claim (default
 * "sub") and a request without claim or key is anonymous.  Declare only
 * roles that nobody but PostgREST's authenticator can switch into.
 */
Datum
pi_declare_postgrest_role(PG_FUNCTION_ARGS)
{
	PiCall		call;
	char	   *role_name;
	char	   *claim;
	Datum		values[2];
	char		nulls[2];

	PiBeginCall(&call, "declare_postgrest_role", true);
	PiRequireDmAdmin(&call);
	role_name = RequiredName(fcinfo, 0, "role_name");
	claim = OptionalName(fcinfo, 1, "claim");
	(void) ExistingRole(role_name);

	SetText(values, nulls, 0, role_name);
	SetText(values, nulls, 1, claim ? claim : "sub");
	RunStatement(&declare_role_statement, values, nulls, SPI_OK_INSERT);
	PiEndCall(&call);
	PG_RETURN_VOID();
}

/* undeclare_postgrest_role undoes a declaration; false when there was none. */
Datum
pi_undeclare_postgrest_role(PG_FUNCTION_ARGS)
{
	PiCall		call;
	char	   *role_name;
	Datum		values[1];
	char		nulls[1];
	bool		undeclared;

	PiBeginCall(&call, "undeclare_postgrest_role", true);
	PiRequireDmAdmin(&call);
	role_name = RequiredName(fcinfo, 0, "role_name");

	SetText(values, nulls, 0, role_name);
	RunStatement(&undeclare_role_statement, values, nulls, SPI_OK_DELETE);
	undeclared = SPI_processed > 0;
	PiEndCall(&call);
	PG_RETURN_BOOL(undeclared);
}

/*
 * create_api_key makes an API key for principal and returns it, the only
 * time its secret is shown.  expires, when given, must be in the future
 * (22023).
 */
Datum
pi_create_api_key(PG_FUNCTION_ARGS)
{
	PiCall		call;
	char	   *principal;
	bool		read_only;
	bool		has_expires;
	TimestampTz expires = 0;
	char	   *key;
	text	   *result;

	PiBeginCall(&call, "create_api_key", true);
	PiRequireDmAdmin(&call);
	principal = RequiredName(fcinfo, 0, "principal");
	read_only = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
	has_expires = !PG_ARGISNULL(2);
	if (has_expires)
	{
		expires = PG_GETARG_TIMESTAMPTZ(2);
		if (expires <= GetCurrentStatementStartTimestamp())
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid value for parameter \"expires\": \"%s\"",
							timestamptz_to_str(expires)),
					 errdetail("A key must expire in the future.")));
	}

	key = PiCreateApiKey(principal, read_only, has_expires, expires);
	result = (text *) MemoryContextAlloc(call.caller_context,
										 VARHDRSZ + strlen(key));
	SET_VARSIZE(result, VARHDRSZ + strlen(key));
	memcpy(VARDATA(result), key, strlen(key));
	PiEndCall(&call);
	PG_RETURN_TEXT_P(result);
}

/* revoke_api_key revokes a key; false when unknown or revoked already. */
Datum
pi_revoke_api_key(PG_FUNCTION_ARGS)
{
	PiCall		call;
	char	   *key_id;
	bool		revoked;

	PiBeginCall(&call, "revoke_api_key", true);
	PiRequireDmAdmin(&call);
	key_id = RequiredName(fcinfo, 0, "key_id");
	revoked = PiRevokeApiKey(key_id);
	PiEndCall(&call);
	PG_RETURN_BOOL(revoked);
}

/*
 * grant_api gives role_name USAGE on the schema and EXECUTE on every
 * function of the API, the administration functions included (they check
 * for a DM admin themselves), and nothing else: no table privilege, and
 * not the internal text_key and trigger functions.
 */
Datum
pi_grant_api(PG_FUNCTION_ARGS)
{
	PiCall		call;
	char	   *role_name;
	const char *grantee;
	uint64		row;
	int			rc;

	PiBeginCall(&call, "grant_api", true);
	PiRequireDmAdmin(&call);
	role_name = RequiredName(fcinfo, 0, "role_name");
	(void) ExistingRole(role_name);
	grantee = quote_identifier(role_name);

	rc = SPI_execute(psprintf("GRANT USAGE ON SCHEMA %s TO %s",
							  PI_SCHEMA, grantee), false, 0);
	if (rc != SPI_OK_UTILITY)
		elog(ERROR, "granting schema usage failed: %s",
			 SPI_result_code_string(rc));

	RunStatement(&api_functions_statement, NULL, NULL, SPI_OK_SELECT);
	{
		SPITupleTable *functions = SPI_tuptable;
		uint64		nfunctions = SPI_processed;

		for (row = 0; row < nfunctions; row++)
		{
			char	   *signature = SPI_getvalue(functions->vals[row],
												 functions->tupdesc, 1);

			rc = SPI_execute(psprintf("GRANT EXECUTE ON FUNCTION %s TO %s",
									  signature, grantee), false, 0);
			if (rc != SPI_OK_UTILITY)
				elog(ERROR, "granting EXECUTE on %s failed: %s", signature,
					 SPI_result_code_string(rc));
		}
	}
	PiEndCall(&call);
	PG_RETURN_VOID();
}

/*
 * ListRows runs a listing statement for a principal (NULL: all) and copies
 * its rows into the function's result set.
 */
static void
ListRows(FunctionCallInfo fcinfo, const char *function_name,
		 PiStatement *statement)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PiCall		call;
	char	   *principal;
	Datum		values[1];
	char		nulls[1];
	uint64		row;

	PiBeginCall(&call, function_name, true);
	PiRequireDmAdmin(&call);
	principal = PiCleanFilter(PiArgText(fcinfo, 0));

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	SetText(values, nulls, 0, principal);
	RunStatement(statement, values, nulls, SPI_OK_SELECT);
	for (row = 0; row < SPI_processed; row++)
	{
		CHECK_FOR_INTERRUPTS();
		tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[row]);
	}
	PiEndCall(&call);
}

/* list_grants lists the role grants, of one principal or all. */
Datum
pi_list_grants(PG_FUNCTION_ARGS)
{
	ListRows(fcinfo, "list_grants", &list_grants_statement);
	return (Datum) 0;
}

/*
 * list_api_keys lists the API keys, of one principal or all: never a
 * secret nor its hash.
 */
Datum
pi_list_api_keys(PG_FUNCTION_ARGS)
{
	ListRows(fcinfo, "list_api_keys", &list_api_keys_statement);
	return (Datum) 0;
}
