/*-------------------------------------------------------------------------
 *
 * role_cache.c
 *	  Backend-local copies of what every call needs to know about its
 *	  caller: the extension's owner, the declared PostgREST roles and each
 *	  principal's grants.
 *
 * Reading these from their tables at every call would cost more than many
 * of the calls themselves.  The copies are dropped whenever the tables
 * change: a statement trigger on postgrest_roles and role_grants sends a
 * relcache invalidation for its table (at commit to every backend, and at
 * once to the changing one), and a relcache callback marks the copies
 * stale.  Dropping the extension drops the tables, which invalidates them
 * too.  The callback only sets a flag: the memory is reset on next use, so
 * what a call is using stays valid until it ends.
 *
 * The copies are read with the latest snapshot, not the transaction's: a
 * REPEATABLE READ transaction that began before a revoke must neither use
 * nor cache the revoked grant once the revoke has committed.  Each call
 * takes in pending invalidations first (caller.c).
 *
 * src/role_cache.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "program_invitations.h"
#include "query.h"
#include "role_cache.h"

PG_FUNCTION_INFO_V1(pi_role_tables_changed);

/* Principals longer than this are looked up at each call, not cached. */
#define PRINCIPAL_KEY_SIZE	256

/* At most this many principals' grants are kept. */
#define MAX_CACHED_PRINCIPALS 1024

typedef struct RightsEntry
{
	char		principal[PRINCIPAL_KEY_SIZE];
	PiRights	rights;
} RightsEntry;

typedef struct DeclaredRole
{
	char	   *role_name;
	char	   *claim;
} DeclaredRole;

static PiStatement all_declared_roles_statement = {
	"SELECT r.role_name, r.claim FROM " PI_POSTGREST_ROLES " r",
	0, {InvalidOid}
};

static PiStatement grants_statement = {
	"SELECT g.role, g.org, g.program_key FROM " PI_ROLE_GRANTS " g"
	" WHERE g.principal OPERATOR(pg_catalog.=) $1",
	1, {TEXTOID}
};

/* Everything below lives in cache_context and is valid while cache_valid. */
static MemoryContext cache_context = NULL;
static bool cache_valid = false;
static Oid	owner = InvalidOid;
static Oid	watched_relids[2] = {InvalidOid, InvalidOid};
static bool roles_loaded = false;
static int	ndeclared = 0;
static DeclaredRole *declared = NULL;
static HTAB *rights_by_principal = NULL;

/*
 * RoleTablesChanged is the relcache callback: any change to a watched
 * table (or a reset of the whole relcache) makes every copy stale.
 */
static void
RoleTablesChanged(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == watched_relids[0] ||
		relid == watched_relids[1])
		cache_valid = false;
}

/* PiRoleCacheInit registers the callback; called once, from _PG_init. */
void
PiRoleCacheInit(void)
{
	CacheRegisterRelcacheCallback(RoleTablesChanged, (Datum) 0);
}

/* LookupOwner reads the extension's owner from pg_extension. */
static Oid
LookupOwner(void)
{
	Oid			extension = get_extension_oid(PI_SCHEMA, false);
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	Oid			result;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(extension));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "extension %u has no catalog row", extension);
	result = ((Form_pg_extension) GETSTRUCT(tuple))->extowner;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return result;
}

/*
 * Refresh starts the copies afresh when they are stale: the owner and the
 * watched tables now, the rest on first use.
 */
static void
Refresh(void)
{
	Oid			schema;
	HASHCTL		ctl;

	if (cache_valid)
		return;

	if (cache_context == NULL)
		cache_context = AllocSetContextCreate(CacheMemoryContext,
											  "program_invitations roles",
											  ALLOCSET_SMALL_SIZES);
	MemoryContextReset(cache_context);
	rights_by_principal = NULL;
	declared = NULL;
	ndeclared = 0;
	roles_loaded = false;

	/* Valid from here: an invalidation while loading marks it stale again. */
	cache_valid = true;
	schema = get_namespace_oid(PI_SCHEMA, false);
	watched_relids[0] = get_relname_relid("postgrest_roles", schema);
	watched_relids[1] = get_relname_relid("role_grants", schema);
	owner = LookupOwner();

	ctl.keysize = PRINCIPAL_KEY_SIZE;
	ctl.entrysize = sizeof(RightsEntry);
	ctl.hcxt = cache_context;
	rights_by_principal = hash_create("program_invitations rights", 64, &ctl,
									  HASH_ELEM | HASH_STRINGS |
									  HASH_CONTEXT);
}

/* PiExtensionOwner returns the role that owns the extension. */
Oid
PiExtensionOwner(void)
{
	Refresh();
	return owner;
}

/*
 * PiDeclaredClaim returns the claim that names the principal in a declared
 * PostgREST role, or NULL when role_name is not declared.  Must be called
 * inside an SPI connection, as the owner.
 */
const char *
PiDeclaredClaim(const char *role_name)
{
	int			i;

	Refresh();
	if (!roles_loaded)
	{
		SPIPlanPtr	plan = PiStatementPlan(&all_declared_roles_statement);
		int			rc = SPI_execute_snapshot(plan, NULL, NULL,
											  GetLatestSnapshot(),
											  InvalidSnapshot, false, false, 0);
		MemoryContext old;

		if (rc != SPI_OK_SELECT)
			elog(ERROR, "reading PostgREST roles failed: %s",
				 SPI_result_code_string(rc));
		old = MemoryContextSwitchTo(cache_context);
		declared = palloc(sizeof(DeclaredRole) * (SPI_processed + 1));
		for (i = 0; i < (int) SPI_processed; i++)
		{
			declared[i].role_name = SPI_getvalue(SPI_tuptable->vals[i],
												 SPI_tuptable->tupdesc, 1);
			declared[i].claim = SPI_getvalue(SPI_tuptable->vals[i],
											 SPI_tuptable->tupdesc, 2);
		}
		ndeclared = SPI_processed;
		MemoryContextSwitchTo(old);
		roles_loaded = true;
	}

	for (i = 0; i < ndeclared; i++)
		if (strcmp(declared[i].role_name, role_name) == 0)
			return declared[i].claim;
	return NULL;
}

/* TextArray builds a text[] of n C strings in the current context. */
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
 * LoadRights reads principal's grants into rights, allocating in context.
 * (SPI leaves its procedure context current after each statement, so the
 * switch to context comes after the statement.)
 */
static void
LoadRights(const char *principal, PiRights *rights, MemoryContext context)
{
	Datum		values[1];
	char		nulls[1] = {' '};
	uint64		row;
	int			rc;
	MemoryContext old;

	values[0] = CStringGetTextDatum(principal);
	rc = SPI_execute_snapshot(PiStatementPlan(&grants_statement), values,
							  nulls, GetLatestSnapshot(), InvalidSnapshot,
							  false, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading role grants failed: %s",
			 SPI_result_code_string(rc));

	old = MemoryContextSwitchTo(context);
	memset(rights, 0, sizeof(PiRights));
	rights->platform_orgs = palloc(sizeof(char *) * (SPI_processed + 1));
	rights->admin_programs = palloc(sizeof(char *) * (SPI_processed + 1));
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *role = SPI_getvalue(tuple, desc, 1);

		if (strcmp(role, "dm_admin") == 0)
			rights->dm_admin = true;
		else if (strcmp(role, "platform_admin") == 0)
			rights->platform_orgs[rights->nplatform_orgs++] =
				SPI_getvalue(tuple, desc, 2);
		else if (strcmp(role, "program_admin") == 0)
			rights->admin_programs[rights->nadmin_programs++] =
				SPI_getvalue(tuple, desc, 3);
	}
	rights->platform_org_array = TextArray(rights->platform_orgs,
										   rights->nplatform_orgs);
	rights->admin_program_array = TextArray(rights->admin_programs,
											rights->nadmin_programs);
	MemoryContextSwitchTo(old);
}

/*
 * PiRightsOf returns the grants of principal: DM admin, the orgs it is
 * platform admin of, the programs it is program admin of.  The result
 * stays valid until the end of the call.  Must be called inside an SPI
 * connection, as the owner.
 */
const PiRights *
PiRightsOf(const char *principal)
{
	RightsEntry *entry;
	PiRights	loaded;
	PiRights   *rights;

	Refresh();
	if (strlen(principal) >= PRINCIPAL_KEY_SIZE)
	{
		rights = palloc(sizeof(PiRights));
		LoadRights(principal, rights, CurrentMemoryContext);
		return rights;
	}

	entry = hash_search(rights_by_principal, principal, HASH_FIND, NULL);
	if (entry != NULL)
		return &entry->rights;

	if (hash_get_num_entries(rights_by_principal) >= MAX_CACHED_PRINCIPALS)
	{
		/* Start over rather than grow without bound. */
		cache_valid = false;
		Refresh();
	}
	/* Entered only once loaded, so an error leaves no half-made entry. */
	LoadRights(principal, &loaded, cache_context);
	entry = hash_search(rights_by_principal, principal, HASH_ENTER, NULL);
	entry->rights = loaded;
	return &entry->rights;
}

/*
 * role_tables_changed() is the statement trigger of postgrest_roles and
 * role_grants: it invalidates the table's relcache entry, which tells
 * every backend to drop its copies (see the file header).
 */
Datum
pi_role_tables_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "role_tables_changed() must be called as a trigger");
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	PG_RETURN_POINTER(NULL);
}
