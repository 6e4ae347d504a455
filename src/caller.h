/*-------------------------------------------------------------------------
 *
 * caller.h
 *	  Who is calling, what they may do, and the switch to the extension's
 *	  owner for table work.
 *
 * src/caller.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_CALLER_H
#define PI_CALLER_H

#include "fmgr.h"

#include "role_cache.h"

/* How the principal of a call was decided. */
typedef enum PiIdentifiedBy
{
	PI_BY_ROLE,					/* the calling role's name */
	PI_BY_CLAIM,				/* a JWT claim in a declared PostgREST role */
	PI_BY_KEY					/* an API key */
} PiIdentifiedBy;

/*
 * One call of an API function, from PiBeginCall to PiEndCall: who called,
 * with which rights, and what the switch to the owner changed.
 */
typedef struct PiCall
{
	const char *function_name;
	MemoryContext caller_context;	/* current before the call: outlives it */

	/* The caller, read before the switch to the owner. */
	Oid			caller_role;
	char	   *caller_role_name;

	/* What PiEndCall restores. */
	Oid			saved_user;
	int			saved_security_context;

	/* The principal and its rights, resolved once per call. */
	char	   *principal;
	PiIdentifiedBy identified_by;
	char	   *key_id;			/* with PI_BY_KEY */
	bool		read_only;		/* a read-only API key */
	bool		dm_admin;		/* everything, in every org */
	const PiRights *rights;		/* its grants; none for a superuser */
} PiCall;

extern void PiBeginCall(PiCall *call, const char *function_name,
						bool writes);
extern void PiEndCall(PiCall *call);
extern void PiRequireDmAdmin(PiCall *call);
extern bool PiMayWrite(const PiCall *call, const char *program_key);
extern bool PiMaySee(const PiCall *call, const char *org,
					 const char *program_key);
extern void PiRefuseWrite(const PiCall *call, const char *program_key);
extern const char *PiIdentifiedByText(const PiCall *call);

#endif							/* PI_CALLER_H */
