/*-------------------------------------------------------------------------
 *
 * caller.c
 *	  Who is calling an API function, what they may do, and the switch to
 *	  the extension's owner for the table work of the call.
 *
 * Every public function starts with PiBeginCall and ends with PiEndCall.
 * PiBeginCall reads the calling role (current_user, so after any SET ROLE,
 * which is how PostgREST's authenticator becomes the request's role)
 * before anything else, then connects to SPI and runs the rest of the call
 * as the extension's owner with search_path pinned to pg_catalog, pg_temp.
 * Callers therefore need no privilege on the tables, and none is granted.
 * Functions are not SECURITY DEFINER: inside one, the caller's role could
 * no longer be seen.
 *
 * The principal is decided in this order:
 *	1. in a role declared with declare_postgrest_role, the declared claim
 *	   of request.jwt.claims;
 *	2. an API key in request.headers' Authorization header;
 *	3. in a declared PostgREST role without either: anonymous, refused;
 *	4. otherwise the calling role's name; a superuser is a DM admin.
 * request.* settings can be set by anyone, so claims count only in a
 * declared role (one only the authenticator can switch into); a key counts
 * anywhere, since its secret cannot be forged.
 *
 * src/caller.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "common/jsonapi.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/jsonb.h"

#include "api_keys.h"
#include "caller.h"
#include "program_invitations.h"
#include "query.h"
#include "unicode_text.h"

static PiStatement declared_role_statement = {
	"SELECT r.claim FROM " PI_POSTGREST_ROLES " r"
	" WHERE r.role_name OPERATOR(pg_catalog.=) $1",
	1, {TEXTOID}
};

static PiStatement grants_statement = {
	"SELECT g.role, g.org, g.program_key FROM " PI_ROLE_GRANTS " g"
	" WHERE g.principal OPERATOR(pg_catalog.=) $1",
	1, {TEXTOID}
};

/* The owner of the extension, cached with the extension's oid. */
static Oid	cached_extension = InvalidOid;
static Oid	cached_owner = InvalidOid;

/*
 * ExtensionOwner returns the role that owns the extension, which runs the
 * table work of every call.  It is looked up again whenever the extension
 * was dropped and created anew.
 */
static Oid
ExtensionOwner(void)
{
	Oid			extension = get_extension_oid(PI_SCHEMA, false);
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;

	if (extension == cached_extension)
		return cached_owner;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(extension));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "extension %u has no catalog row", extension);
	cached_owner = ((Form_pg_extension) GETSTRUCT(tuple))->extowner;
	cached_extension = extension;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return cached_owner;
}

/*
 * RequestObject returns setting name (request.jwt.claims or
 * request.headers) as a jsonb object, or NULL when it is unset, empty, or
 * not a JSON object.  The text is checked by the JSON parser first, so bad
 * text means "no value" rather than an error.
 */
static Jsonb *
RequestObject(const char *name)
{
	const char *text = GetConfigOption(name, true, false);
	JsonLexContext *lex;
	Jsonb	   *object;

	if (text == NULL || text[0] == '\0')
		return NULL;
	lex = makeJsonLexContextCstringLen(pstrdup(text), strlen(text),
									   GetDatabaseEncoding(), false);
	if (pg_parse_json(lex, &nullSemAction) != JSON_SUCCESS)
		return NULL;
	object = DatumGetJsonbP(DirectFunctionCall1(jsonb_in,
												CStringGetDatum(text)));
	if (!JB_ROOT_IS_OBJECT(object) || JB_ROOT_IS_SCALAR(object))
		return NULL;
	return object;
}

/*
 * ObjectField returns a string or number field of a jsonb object as text,
 * or NULL when it is missing, empty or of another type.
 */
static char *
ObjectField(Jsonb *object, const char *key)
{
	JsonbValue *value;

	if (object == NULL)
		return NULL;
	value = getKeyJsonValueFromContainer(&object->root, key, strlen(key),
										 NULL);
	if (value == NULL)
		return NULL;
	if (value->type == jbvString && value->val.string.len > 0)
		return pnstrdup(value->val.string.val, value->val.string.len);
	if (value->type == jbvNumeric)
		return DatumGetCString(DirectFunctionCall1(numeric_out,
												   NumericGetDatum(value->val.numeric)));
	return NULL;
}

/*
 * DeclaredClaim returns the claim a declared PostgREST role names its
 * principal by, or NULL when role_name is not declared.
 */
static char *
DeclaredClaim(const char *role_name)
{
	Datum		values[1];
	char		nulls[1] = {' '};
	bool		isnull;
	int			rc;

	values[0] = CStringGetTextDatum(role_name);
	rc = SPI_execute_plan(PiStatementPlan(&declared_role_statement),
						  values, nulls, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "looking up PostgREST roles failed: %s",
			 SPI_result_code_string(rc));
	if (SPI_processed == 0)
		return NULL;
	return TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0],
											 SPI_tuptable->tupdesc, 1,
											 &isnull));
}

/* TextArray builds a text[] of n C strings. */
static Datum
TextArray(char **items, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
		elems[i] = CStringGetTextDatum(items[i]);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false,
										   TYPALIGN_INT));
}

/*
 * LoadRights reads the role tables' grants of the call's principal: DM
 * admin, the orgs it is platform admin of, the programs it is program
 * admin of.
 */
static void
LoadRights(PiCall *call)
{
	Datum		values[1];
	char		nulls[1] = {' '};
	uint64		row;
	int			rc;

	values[0] = CStringGetTextDatum(call->principal);
	rc = SPI_execute_plan(PiStatementPlan(&grants_statement), values, nulls,
						  false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "looking up role grants failed: %s",
			 SPI_result_code_string(rc));

	call->platform_org_list = palloc(sizeof(char *) * (SPI_processed + 1));
	call->admin_program_list = palloc(sizeof(char *) * (SPI_processed + 1));
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *role = SPI_getvalue(tuple, desc, 1);

		if (strcmp(role, "dm_admin") == 0)
			call->dm_admin = true;
		else if (strcmp(role, "platform_admin") == 0)
			call->platform_org_list[call->nplatform_orgs++] =
				SPI_getvalue(tuple, desc, 2);
		else if (strcmp(role, "program_admin") == 0)
			call->admin_program_list[call->nadmin_programs++] =
				SPI_getvalue(tuple, desc, 3);
	}
	call->platform_orgs = TextArray(call->platform_org_list,
									call->nplatform_orgs);
	call->admin_programs = TextArray(call->admin_program_list,
									 call->nadmin_programs);
}

/*
 * Identify decides the principal of the call (see the file header) and
 * loads its rights.  Raises 42501 for an anonymous PostgREST request and
 * for an API key that does not check out.
 */
static void
Identify(PiCall *call, bool writes)
{
	char	   *claim = DeclaredClaim(call->caller_role_name);
	char	   *authorization;
	char	   *key;

	if (claim != NULL)
	{
		char	   *value = ObjectField(RequestObject("request.jwt.claims"),
										claim);

		/* Principals are compared as grant_role stores them. */
		call->principal = value ? PiTrimAndNormalize(value, strlen(value)) :
			NULL;
		if (call->principal != NULL)
		{
			call->identified_by = PI_BY_CLAIM;
			LoadRights(call);
			return;
		}
	}

	authorization = ObjectField(RequestObject("request.headers"),
								"authorization");
	key = authorization ? PiKeyFromAuthorization(authorization) : NULL;
	if (key != NULL)
	{
		PiKeyOwner	owner;

		PiCheckApiKey(key, writes, &owner);
		call->principal = owner.principal;
		call->key_id = owner.key_id;
		call->read_only = owner.read_only;
		call->identified_by = PI_BY_KEY;
		LoadRights(call);
		return;
	}

	if (claim != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for function %s",
						call->function_name),
				 errdetail("The request is anonymous."),
				 errhint("Sign in, or send \"Authorization: Api-Key <key>\"."
						 )));

	call->principal = PiTrimAndNormalize(call->caller_role_name,
										 strlen(call->caller_role_name));
	call->identified_by = PI_BY_ROLE;
	if (superuser_arg(call->caller_role))
		call->dm_admin = true;
	else
		LoadRights(call);
}

/*
 * PiBeginCall starts a call of function_name: reads the calling role,
 * connects to SPI, switches to the extension's owner with search_path
 * pinned, and identifies the caller.  writes is false for the readers
 * (list, count, page), which must have no side effects at all, so that
 * they do not even record an API key's use.  Everything it changes is undone by
 * PiEndCall, or by the (sub)transaction's abort when an error ends the
 * call.  Allocations that must outlive the call go to the memory context
 * that was current before it.
 */
void
PiBeginCall(PiCall *call, const char *function_name, bool writes)
{
	memset(call, 0, sizeof(PiCall));
	call->function_name = function_name;
	call->caller_context = CurrentMemoryContext;
	call->caller_role = GetUserId();
	call->caller_role_name = GetUserNameFromId(call->caller_role, false);
	PiRequireUtf8();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	GetUserIdAndSecContext(&call->saved_user, &call->saved_security_context);
	SetUserIdAndSecContext(ExtensionOwner(),
						   call->saved_security_context |
						   SECURITY_LOCAL_USERID_CHANGE);
	call->guc_nest_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);

	Identify(call, writes);
	elog(DEBUG1, "program_invitations: %s called by principal \"%s\" (%s)",
		 function_name, call->principal, PiIdentifiedByText(call));
}

/* PiEndCall undoes PiBeginCall: search_path, the user, SPI. */
void
PiEndCall(PiCall *call)
{
	AtEOXact_GUC(true, call->guc_nest_level);
	SetUserIdAndSecContext(call->saved_user, call->saved_security_context);
	SPI_finish();
}

/* PiIdentifiedByText names how the principal was decided. */
const char *
PiIdentifiedByText(const PiCall *call)
{
	switch (call->identified_by)
	{
		case PI_BY_CLAIM:
			return "claim";
		case PI_BY_KEY:
			return psprintf("key:%s", call->key_id);
		default:
			return "role";
	}
}

/*
 * PiRequireDmAdmin refuses, with 42501, a caller who is not a DM admin or
 * who came with a read-only key: administration is for DM admins only.
 */
void
PiRequireDmAdmin(PiCall *call)
{
	if (!call->dm_admin || call->read_only)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for function %s",
						call->function_name),
				 call->read_only ?
				 errdetail("The API key is read-only.") :
				 errdetail("Principal \"%s\" is not a DM admin.",
						   PiQuote(call->principal)),
				 errhint("Only DM admins may administer program "
						 "invitations.")));
}

/* InList is true when str is one of the n strings of list. */
static bool
InList(char **list, int n, const char *str)
{
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], str) == 0)
			return true;
	return false;
}

/*
 * PiMayWrite is true when the caller may write invitations of program_key:
 * a DM admin or one of its program admins, not with a read-only key.
 */
bool
PiMayWrite(const PiCall *call, const char *program_key)
{
	if (call->read_only)
		return false;
	return call->dm_admin ||
		InList(call->admin_program_list, call->nadmin_programs, program_key);
}

/*
 * PiMaySee is true when the caller may read invitations of that org and
 * program: a DM admin, a platform admin of the org, or a program admin of
 * the program.
 */
bool
PiMaySee(const PiCall *call, const char *org, const char *program_key)
{
	return call->dm_admin ||
		InList(call->platform_org_list, call->nplatform_orgs, org) ||
		InList(call->admin_program_list, call->nadmin_programs, program_key);
}

/* PiRefuseWrite refuses a write to program_key, SQLSTATE 42501. */
void
PiRefuseWrite(const PiCall *call, const char *program_key)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to write invitations of program "
					"\"%s\"", PiQuote(program_key)),
			 call->read_only ?
			 errdetail("The API key is read-only.") :
			 errdetail("Principal \"%s\" is not a program admin of it.",
					   PiQuote(call->principal)),
			 errhint("A DM admin can grant the program_admin role with "
					 "grant_role.")));
}
