/*-------------------------------------------------------------------------
 *
 * caller.h
 *	  Who is calling, and the switch into the extension's own context
 *	  for table work.
 *
 * src/caller.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_CALLER_H
#define PI_CALLER_H

/* The caller of one API function, resolved once at its entry. */
typedef struct PiCaller
{
	Oid			role;			/* current_user at the call */
	bool		dm_admin;		/* may do everything, in every org */
} PiCaller;

/* What PiBeginTableWork changed, for PiEndTableWork to restore. */
typedef struct PiTableWork
{
	int			guc_nest_level;
} PiTableWork;

extern void PiIdentifyCaller(const char *function_name, PiCaller *caller);
extern void PiBeginTableWork(PiTableWork *work);
extern void PiEndTableWork(PiTableWork *work);

#endif							/* PI_CALLER_H */
