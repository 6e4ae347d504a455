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
 * as the extension's owner with the search path pinned to pg_catalog.
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

#include "catalog/namespace.h"
#include "common/jsonapi.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"

#include "api_keys.h"
#include "caller.h"
#include "program_invitations.h"
#include "query.h"
#include "role_cache.h"
#include "unicode_text.h"

/*
 * The search path of every call's table work: pg_catalog alone, not even
 * pg_temp, so no object of the caller's can stand in for one of ours.  An
 * override search path costs far less than setting search_path, and the
 * kept plans see the same path at every call, so they are never re-planned
 * for a caller's path.  (Every name in SPI text is qualified anyway.)
 */
static OverrideSearchPath pinned_search_path = {NIL, true, false, 0};

/* The grants of a caller the role tables are not asked about. */
static const PiRights no_rights;

/* The search of RequestField: one key of a top-level JSON object. */
typedef struct FieldSearch
{
	const char *key;
	int			depth;			/* nesting of the parser's position */
	bool		is_object;		/* the top level is an object */
	bool		at_key;			/* the next top-level value is key's */
	char	   *value;			/* last string or number found for key */
} FieldSearch;

static void
SearchNestIn(void *state)
{
	FieldSearch *search = state;

	if (search->depth++ == 0)
		search->is_object = true;
}

static void
SearchArrayIn(void *state)
{
	((FieldSearch *) state)->depth++;
}

static void
SearchNestOut(void *state)
{
	((FieldSearch *) state)->depth--;
}

static void
SearchField(void *state, char *fname, bool isnull)
{
	FieldSearch *search = state;

	search->at_key = (search->depth == 1 && strcmp(fname, search->key) == 0);
}

static void
SearchScalar(void *state, char *token, JsonTokenType tokentype)
{
	FieldSearch *search = state;

	if (search->at_key && search->depth == 1 &&
		(tokentype == JSON_TOKEN_STRING || tokentype == JSON_TOKEN_NUMBER))
		search->value = token;
	search->at_key = false;
}

/*
 * RequestField returns the string or number under key in the JSON object
 * of setting name (request.jwt.claims or request.headers), or NULL when
 * the setting is unset, empty, not a JSON object, not valid JSON (a NUL
 * escape included), or has no such value.  The settings are parsed with
 * PostgreSQL's JSON parser in a way that reports errors instead of
 * raising them, so bad text means "no value" and never echoes the
 * setting (which may hold a key) in an error.
 */
static char *
RequestField(const char *name, const char *key)
{
	const char *text = GetConfigOption(name, true, false);
	JsonLexContext *lex;
	JsonSemAction sem;
	FieldSearch search;

	if (text == NULL || text[0] == '\0')
		return NULL;
	memset(&search, 0, sizeof(search));
	search.key = key;
	memset(&sem, 0, sizeof(sem));
	sem.semstate = &search;
	sem.object_start = SearchNestIn;
	sem.object_end = SearchNestOut;
	sem.array_start = SearchArrayIn;
	sem.array_end = SearchNestOut;
	sem.object_field_start = SearchField;
	sem.scalar = SearchScalar;

	lex = makeJsonLexContextCstringLen(pstrdup(text), strlen(text),
									   GetDatabaseEncoding(), true);
	if (pg_parse_json(lex, &sem) != JSON_SUCCESS || !search.is_object ||
		search.value == NULL || search.value[0] == '\0')
		return NULL;
	return search.value;
}

/*
 * LoadRights sets the call's rights from the role tables' grants of its
 * principal: DM admin, the orgs it is platform admin of, the programs it
 * is program admin of.
 */
static void
LoadRights(PiCall *call)
{
	call->rights = PiRightsOf(call->principal);
	call->dm_admin = call->rights->dm_admin;
}

/*
 * Identify decides the principal of the call (see the file header) and
 * loads its rights.  Raises 42501 for an anonymous PostgREST request and
 * for an API key that does not check out.
 */
static void
Identify(PiCall *call, bool writes)
{
	const char *claim = PiDeclaredClaim(call->caller_role_name);
	char	   *authorization;
	char	   *key;

	if (claim != NULL)
	{
		char	   *value = RequestField("request.jwt.claims", claim);

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

	authorization = RequestField("request.headers", "authorization");
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

	/* As grant_role stores principals; a blank name stays as it is. */
	call->principal = PiTrimAndNormalize(call->caller_role_name,
										 strlen(call->caller_role_name));
	if (call->principal == NULL)
		call->principal = call->caller_role_name;
	call->identified_by = PI_BY_ROLE;
	if (superuser_arg(call->caller_role))
		call->dm_admin = true;
	else
		LoadRights(call);
}

/*
 * PiBeginCall starts a call of function_name: reads the calling role,
 * connects to SPI, switches to the extension's owner with the search path
 * pinned to pg_catalog alone, and identifies the caller.  writes is false
 * for the readers (list, count, page), which must have no side effects at
 * all, so that they do not even record an API key's use.  Everything it
 * changes is undone by PiEndCall, or by the (sub)transaction's abort when
 * an error ends the call.  Allocations that must outlive the call go to
 * call->caller_context, the memory context that was current before it.
 */
void
PiBeginCall(PiCall *call, const char *function_name, bool writes)
{
	memset(call, 0, sizeof(PiCall));
	call->function_name = function_name;
	call->rights = &no_rights;
	call->caller_context = CurrentMemoryContext;
	call->caller_role = GetUserId();
	call->caller_role_name = GetUserNameFromId(call->caller_role, false);
	PiRequireUtf8();

	/*
	 * Take in role table changes committed by others since the last call,
	 * even inside a long transaction that acquires no new lock.
	 */
	AcceptInvalidationMessages();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	GetUserIdAndSecContext(&call->saved_user, &call->saved_security_context);
	SetUserIdAndSecContext(PiExtensionOwner(),
						   call->saved_security_context |
						   SECURITY_LOCAL_USERID_CHANGE);
	PushOverrideSearchPath(&pinned_search_path);

	Identify(call, writes);
	elog(DEBUG1, "program_invitations: %s called by principal \"%s\" (%s)",
		 function_name, call->principal, PiIdentifiedByText(call));
}

/* PiEndCall undoes PiBeginCall: the search path, the user, SPI. */
void
PiEndCall(PiCall *call)
{
	PopOverrideSearchPath();
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
		InList(call->rights->admin_programs, call->rights->nadmin_programs,
			   program_key);
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
		InList(call->rights->platform_orgs, call->rights->nplatform_orgs,
			   org) ||
		InList(call->rights->admin_programs, call->rights->nadmin_programs,
			   program_key);
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
