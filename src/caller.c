/*-------------------------------------------------------------------------
 *
 * caller.c
 *	  Who is calling an API function, and the context its table work runs
 *	  in.
 *
 * Every public function calls PiIdentifyCaller first, before it looks at
 * its arguments, and wraps its SPI work in PiBeginTableWork and
 * PiEndTableWork.
 *
 * XXX: until the role model (DM, platform and program admins, PostgREST
 * claims, API keys) is built, only superusers are admitted, and table work
 * runs as the caller, who is a superuser.  The role model replaces the
 * check below and adds the switch to the extension's owner.
 *
 * src/caller.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/guc.h"

#include "caller.h"
#include "unicode_text.h"

/*
 * PiIdentifyCaller resolves the caller of function_name and refuses one
 * who may not use the API at all, SQLSTATE 42501.  The caller is the
 * current role (after any SET ROLE).
 */
void
PiIdentifyCaller(const char *function_name, PiCaller *caller)
{
	caller->role = GetUserId();
	caller->dm_admin = superuser_arg(caller->role);

	if (!caller->dm_admin)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for function %s", function_name),
				 errdetail("Role \"%s\" has no rights on program "
						   "invitations.",
						   GetUserNameFromId(caller->role, false)),
				 errhint("Only superusers may call the program_invitations "
						 "API in this version.")));

	PiRequireUtf8();
}

/*
 * PiBeginTableWork pins search_path to pg_catalog, pg_temp for the SPI
 * work that follows, so no object of the caller's can stand in for one of
 * ours, and so the kept plans always see the same path and are not
 * re-planned.  The setting is restored by PiEndTableWork, or by the
 * transaction's abort when an error ends the call.
 */
void
PiBeginTableWork(PiTableWork *work)
{
	work->guc_nest_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
}

/* PiEndTableWork undoes PiBeginTableWork. */
void
PiEndTableWork(PiTableWork *work)
{
	AtEOXact_GUC(true, work->guc_nest_level);
}
