/*-------------------------------------------------------------------------
 *
 * envelope.h
 *	  The jsonb envelope of invitation_page and its page links.
 *
 * src/envelope.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef PI_ENVELOPE_H
#define PI_ENVELOPE_H

#include "executor/spi.h"
#include "utils/jsonb.h"

#include "query.h"

extern Jsonb *PiBuildEnvelope(const PiPageRequest *request, int64 count,
							  SPITupleTable *rows, uint64 nrows,
							  bool has_more);

#endif							/* PI_ENVELOPE_H */
