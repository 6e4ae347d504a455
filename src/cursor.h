/*-------------------------------------------------------------------------
 *
 * cursor.h
 *	  Keyset cursors of list_invitations and invitation_page.
 *
 * src/cursor.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_CURSOR_H
#define PI_CURSOR_H

#include "access/htup.h"
#include "access/tupdesc.h"

#include "query.h"

extern char *PiEncodeCursor(const PiFilters *filters, const PiSort *sort,
							HeapTuple row, TupleDesc desc);
extern void PiDecodeCursor(const char *raw, const PiFilters *filters,
						   const PiSort *sort, PiCursor *cursor);

#endif							/* PI_CURSOR_H */
